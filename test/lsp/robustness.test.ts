/**
 * A half-typed document never breaks the server: random edits (truncations, a `<`, a `"` or a
 * `${` inserted anywhere, stretches deleted), each followed by requests at random places, and
 * every request gets an answer.
 */
import fc from 'fast-check';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  ResponseError,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileUri, root, startServer, type Server } from './client.js';

const PLAN = `<?xml version="1.0" encoding="UTF-8"?>
<!-- a plan to break -->
<dialplan name="Root">
  <setvar varname="n">0</setvar>
  <menu name="main" maxDigits="1" timeout="5000">
    <play type="tts" voice="female1">Press 1 or 2, \${n} \${call.callerid}</play>
    <keypress pressed="1"><transfer mode="ringall" musiconhold="jazz">+12135551212</transfer></keypress>
    <keypress pressed="2"><goto>main</goto></keypress>
    <keypress pressed="default"><hangup/></keypress>
  </menu>
  <amd><live><play type="tts">Hi</play></live><machine><hangup/></machine></amd>
  <catch type="hangup" goto="main"><stash varname="k">v</stash></catch>
</dialplan>
`;

/** One edit, as offsets into the current text (scaled to its length). */
const edit = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.constantFrom('<', '"', '${', '</', '>', "'", '}') }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 40 }) }),
);

let server: Server;
beforeAll(async () => {
  server = await startServer({ initializationOptions: { debounceMs: 0 } });
});
afterAll(async () => {
  expect(await server.stop()).toBe(0);
});

it('answers every request whatever the edits', async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 6 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }), async (edits, places) => {
      const uri = fileUri(join(root, 'test', 'lsp', `random-${++run}.xml`));
      server.open(uri, PLAN);
      let doc = TextDocument.create(uri, 'callfire-xml', 1, PLAN);
      for (const e of edits) {
        const text = doc.getText();
        const at = Math.floor(e.at * text.length);
        const range =
          e.kind === 'truncate'
            ? { start: doc.positionAt(at), end: doc.positionAt(text.length) }
            : e.kind === 'delete'
              ? { start: doc.positionAt(at), end: doc.positionAt(at + e.length) }
              : { start: doc.positionAt(at), end: doc.positionAt(at) };
        const newText = e.kind === 'insert' ? e.text : '';
        server.edit(uri, range, newText);
        doc = TextDocument.update(doc, [{ range, text: newText }], doc.version + 1);
      }
      const settled = server.diagnostics(uri, (p) => p.version === doc.version);
      const textDocument = { uri };
      for (const p of places) {
        const position = doc.positionAt(Math.floor(p * doc.getText().length));
        const answers = await Promise.allSettled([
          server.connection.sendRequest(CompletionRequest.type, { textDocument, position }),
          server.connection.sendRequest(HoverRequest.type, { textDocument, position }),
          server.connection.sendRequest(DefinitionRequest.type, { textDocument, position }),
          server.connection.sendRequest(ReferencesRequest.type, { textDocument, position, context: { includeDeclaration: true } }),
          server.connection.sendRequest(PrepareRenameRequest.type, { textDocument, position }),
          server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument }),
          server.connection.sendRequest(FoldingRangeRequest.type, { textDocument }),
          server.connection.sendRequest(CodeActionRequest.type, { textDocument, range: { start: position, end: position }, context: { diagnostics: [] } }),
        ]);
        for (const a of answers) {
          // an answer, or a refusal the server chose (prepareRename off a name): never a crash
          if (a.status === 'rejected') {
            expect(a.reason).toBeInstanceOf(ResponseError);
            expect(String((a.reason as ResponseError<unknown>).message)).toMatch(/rename|well-formed|cursor/i);
          }
        }
      }
      const diagnostics = await settled;
      expect(Array.isArray(diagnostics)).toBe(true);
      server.close(uri);
    }),
    { numRuns: 40 },
  );
  expect(server.child.exitCode).toBeNull();
  expect(server.stderr()).not.toMatch(/failed|Error/);
});
