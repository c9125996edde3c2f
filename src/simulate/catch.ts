/**
 * Which `<catch>` tags the simulator fires. Only the caller hanging up is simulated, so the
 * interpreter and the coverage report both ask this one question.
 *
 * @module
 */
import type { AnyElement } from '../ast/nodes.js';

/** Whether a tag is a `<catch type="hangup">` (the type read case-insensitively, spaces ignored). */
export function catchesHangup(node: AnyElement): boolean {
  return node.kind === 'catch' && (node.attributes['type'] ?? '').trim().toLowerCase() === 'hangup';
}
