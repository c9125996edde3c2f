/**
 * One open dialplan: its text, and the syntax tree of the last version that parsed, so that
 * goto names and user variables can still be completed while the current text is half typed.
 *
 * @module
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentNode } from '../ast/nodes.js';
import { indexPlan } from '../ast/plan-index.js';
import { parse } from '../parse/parse.js';

/** What completion needs to know about the plan beyond the cursor. */
export interface PlanFacts {
  /** Every tag name (`name` attribute, trimmed) in document order. */
  readonly names: readonly string[];
  /** Variables the plan gives a readable value (setvar, record, get, post). */
  readonly variablesSet: readonly string[];
  /** Report keys written by `<stash>`. */
  readonly stashed: readonly string[];
}

const NO_FACTS: PlanFacts = { names: [], variablesSet: [], stashed: [] };

/** Up to this size (characters) completion parses the current text for its facts; parsing it takes milliseconds. */
const FRESH_FACTS_LIMIT = 256 * 1024;

/** The parsed state of one open document, computed on demand and once per version. */
export class PlanState {
  private parsedVersion = -1;
  private current: DocumentNode | undefined;
  private lastGood: DocumentNode | undefined;
  private factsOf: { readonly doc: DocumentNode; readonly facts: PlanFacts } | undefined;

  constructor(public text: TextDocument) {}

  private refresh(): void {
    if (this.parsedVersion === this.text.version) return;
    this.parsedVersion = this.text.version;
    this.current = parse(this.text.getText()).document;
    if (this.current) this.lastGood = this.current;
  }

  /** The tree of the current text, or undefined while it is not a well-formed dialplan. */
  tree(): DocumentNode | undefined {
    this.refresh();
    return this.current;
  }

  /** The tree of the newest version that parsed (maybe the current one). */
  lastGoodTree(): DocumentNode | undefined {
    this.refresh();
    return this.lastGood;
  }

  /**
   * Names and variables of the newest version that parsed. On a large plan they come from the
   * last tree parsed for any request, without parsing the current text: completion stays
   * immediate while typing, and names and variables seldom change with one keystroke.
   */
  facts(): PlanFacts {
    if (this.text.getText().length <= FRESH_FACTS_LIMIT || !this.lastGood) this.refresh();
    const doc = this.lastGood;
    if (!doc) return NO_FACTS;
    if (this.factsOf?.doc !== doc) {
      const index = indexPlan(doc);
      this.factsOf = {
        doc,
        facts: { names: [...index.byName.keys()], variablesSet: [...index.variablesSet.keys()], stashed: [...index.stashed.keys()] },
      };
    }
    return this.factsOf.facts;
  }
}
