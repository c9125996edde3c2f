/**
 * `callfire-dialplan/lsp`: the language server behind `dialplan lsp`, to start on a
 * connection of your own (an editor extension, a test).
 *
 * @module callfire-dialplan/lsp
 */
export { startServer, type ServerOptions } from '../lsp/server.js';
