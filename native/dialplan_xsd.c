/*
 * Keeps the dialplan XSD compiled once per process and validates documents against it.
 *
 * libxmljs2 compiles the schema inside every Document.validate() call and has no API to
 * keep an xmlSchema. This addon reuses the libxml2 that libxmljs2 already loaded: load()
 * takes the path of libxmljs2's native module and looks its libxml2 functions up with
 * dlsym, so the process holds one libxml2, the package links nothing at build time, and
 * validation runs on exactly the engine libxmljs2 uses.
 *
 * validate() streams the document through the compiled schema with xmlSchemaValidateStream,
 * so no tree is built; errors come back as plain objects { schema, level, message, line,
 * column } in the order libxml2 raised them. It fails closed: when libxml2 says the document
 * is not valid (or could not check it) without raising an error, one is added, so a document
 * is never taken for valid because libxml2 stayed silent. libxml2's error handler is this
 * thread's state, shared with libxmljs2: the one in place before is put back afterwards.
 */
#define NAPI_VERSION 8
#include <node_api.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>

/* The libxml2 functions used here, resolved from libxmljs2's module by load(). */
static struct {
  xmlSchemaParserCtxtPtr (*schemaNewMemParserCtxt)(const char *, int);
  void (*schemaSetParserStructuredErrors)(xmlSchemaParserCtxtPtr, xmlStructuredErrorFunc, void *);
  xmlSchemaPtr (*schemaParse)(xmlSchemaParserCtxtPtr);
  void (*schemaFreeParserCtxt)(xmlSchemaParserCtxtPtr);
  xmlSchemaValidCtxtPtr (*schemaNewValidCtxt)(xmlSchemaPtr);
  xmlParserInputBufferPtr (*inputBufferCreateIO)(xmlInputReadCallback, xmlInputCloseCallback, void *, xmlCharEncoding);
  int (*schemaValidateStream)(xmlSchemaValidCtxtPtr, xmlParserInputBufferPtr, xmlCharEncoding, xmlSAXHandlerPtr, void *);
  void (*setStructuredErrorFunc)(void *, xmlStructuredErrorFunc);
  xmlStructuredErrorFunc *(*structuredError)(void);
  void **(*structuredErrorContext)(void);
  xmlParserCtxtPtr (*validCtxtGetParserCtxt)(xmlSchemaValidCtxtPtr);
} lib;

static int loaded = 0;
/* The compiled schema and one validation context, reused by every validate() call. A
   validation context serves one document at a time: worker threads take turns. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static xmlSchemaPtr schema = NULL;
static xmlSchemaValidCtxtPtr valid_ctxt = NULL;
/* How many times the schema was compiled in this process: 1 once used, whatever the calls. */
static int compilations = 0;

/* One error as libxml2 reported it, copied out of libxml2's buffers. */
typedef struct {
  int schema; /* raised by the schema validator (else by the parser) */
  int level;
  int line;
  int column;
  char *message;
} found_t;

typedef struct {
  found_t *items;
  size_t count;
  size_t capacity;
  int failed; /* out of memory while collecting */
  /* Lines on which the start tags of the open elements end, innermost last. */
  int *open;
  size_t depth;
  size_t open_capacity;
  /* While the validator finishes an element: the line of its start tag (else 0). */
  int closing_line;
} findings_t;

/* Makes room for one more item in a growing array; 0 when memory ran out. */
static int grow(void **items, size_t *capacity, size_t count, size_t size) {
  if (count < *capacity) return 1;
  size_t more = *capacity ? *capacity * 2 : 16;
  void *moved = realloc(*items, more * size);
  if (moved == NULL) return 0;
  *items = moved;
  *capacity = more;
  return 1;
}

static void collect(void *arg, xmlErrorPtr error) {
  findings_t *f = (findings_t *)arg;
  if (error == NULL || f->failed) return;
  if (!grow((void **)&f->items, &f->capacity, f->count, sizeof(found_t))) {
    f->failed = 1;
    return;
  }
  found_t *it = &f->items[f->count++];
  it->schema = error->domain == XML_FROM_SCHEMASV;
  it->level = (int)error->level;
  /* A tree-based validation reports every schema error at the line on which the start tag
     of the element concerned ends; the diagnostics locate elements by that line. Streaming
     reports the parser's current line instead, so report the start line of the element
     being closed, or else of the innermost open one (the one just started, or the one
     whose text is being read). */
  it->line = error->line;
  if (it->schema && f->closing_line > 0) it->line = f->closing_line;
  else if (it->schema && f->depth > 0) it->line = f->open[f->depth - 1];
  it->column = error->int2;
  it->message = error->message ? strdup(error->message) : NULL;
}

static void findings_free(findings_t *f) {
  for (size_t i = 0; i < f->count; i++) free(f->items[i].message);
  free(f->items);
  free(f->open);
}

/*
 * SAX callbacks that only track where the open elements start. xmlSchemaValidateStream
 * calls each one just before it hands the same event to the validator.
 */
static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                     int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
                     const xmlChar **attributes) {
  findings_t *f = (findings_t *)ctx;
  f->closing_line = 0;
  if (!grow((void **)&f->open, &f->open_capacity, f->depth, sizeof(int))) {
    f->failed = 1;
    return;
  }
  xmlParserCtxtPtr parser = lib.validCtxtGetParserCtxt(valid_ctxt);
  f->open[f->depth++] = parser != NULL && parser->input != NULL ? parser->input->line : 0;
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri) {
  findings_t *f = (findings_t *)ctx;
  f->closing_line = f->depth > 0 ? f->open[--f->depth] : 0;
}

/* Called before the XML declaration is read. The text arrives already decoded (a JS string,
   handed over as UTF-8), so a declared encoding must not re-decode it or be refused as
   unsupported: CallFire, too, receives DialplanXml as text inside its SOAP request. */
static void on_locator(void *ctx, xmlSAXLocatorPtr locator) {
  xmlParserCtxtPtr parser = lib.validCtxtGetParserCtxt(valid_ctxt);
  if (parser != NULL) parser->options |= XML_PARSE_IGNORE_ENC;
}

/* Text after an end tag belongs to the parent again. */
static void on_text(void *ctx, const xmlChar *text, int len) {
  ((findings_t *)ctx)->closing_line = 0;
}

/* The document text as libxml2 asks for it, a piece at a time. */
typedef struct {
  const char *text;
  size_t length;
  size_t at;
} reader_t;

static int read_piece(void *ctx, char *buffer, int len) {
  reader_t *r = (reader_t *)ctx;
  size_t n = r->length - r->at;
  if (len < 0) return -1;
  if (n > (size_t)len) n = (size_t)len;
  memcpy(buffer, r->text + r->at, n);
  r->at += n;
  return (int)n;
}

static napi_value throw_error(napi_env env, const char *message) {
  napi_throw_error(env, NULL, message);
  return NULL;
}

/* Reads a JS string argument into a fresh UTF-8 buffer. */
static char *string_arg(napi_env env, napi_value value, size_t *length) {
  size_t len = 0;
  if (napi_get_value_string_utf8(env, value, NULL, 0, &len) != napi_ok) return NULL;
  char *text = malloc(len + 1);
  if (text == NULL) return NULL;
  napi_get_value_string_utf8(env, value, text, len + 1, &len);
  *length = len;
  return text;
}

#define RESOLVE(handle, field, name)                         \
  do {                                                       \
    *(void **)(&lib.field) = dlsym(handle, name);            \
    if (lib.field == NULL) return throw_error(env, "libxmljs2's native module does not export " name "."); \
  } while (0)

/* load(pathOfLibxmljs2Module): resolves the libxml2 functions. */
static napi_value load(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (loaded) return NULL;
  if (argc < 1) return throw_error(env, "load(path) needs the path of libxmljs2's native module.");
  size_t len;
  char *path = string_arg(env, argv[0], &len);
  if (path == NULL) return throw_error(env, "load(path) needs a string.");
  /* RTLD_NOLOAD: only ever the module libxmljs2 has loaded already, never a second copy. */
  void *handle = dlopen(path, RTLD_LAZY | RTLD_NOLOAD);
  free(path);
  if (handle == NULL) return throw_error(env, "libxmljs2's native module is not loaded in this process.");
  RESOLVE(handle, schemaNewMemParserCtxt, "xmlSchemaNewMemParserCtxt");
  RESOLVE(handle, schemaSetParserStructuredErrors, "xmlSchemaSetParserStructuredErrors");
  RESOLVE(handle, schemaParse, "xmlSchemaParse");
  RESOLVE(handle, schemaFreeParserCtxt, "xmlSchemaFreeParserCtxt");
  RESOLVE(handle, schemaNewValidCtxt, "xmlSchemaNewValidCtxt");
  RESOLVE(handle, inputBufferCreateIO, "xmlParserInputBufferCreateIO");
  RESOLVE(handle, schemaValidateStream, "xmlSchemaValidateStream");
  RESOLVE(handle, setStructuredErrorFunc, "xmlSetStructuredErrorFunc");
  RESOLVE(handle, structuredError, "__xmlStructuredError");
  RESOLVE(handle, structuredErrorContext, "__xmlStructuredErrorContext");
  RESOLVE(handle, validCtxtGetParserCtxt, "xmlSchemaValidCtxtGetParserCtxt");
  loaded = 1;
  return NULL;
}

/* compile(xsdText): compiles the schema once; later calls keep the first one. */
static napi_value compile(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (!loaded) return throw_error(env, "compile() before load().");
  if (schema != NULL) return NULL;
  if (argc < 1) return throw_error(env, "compile(xsd) needs the schema text.");
  size_t len;
  char *text = string_arg(env, argv[0], &len);
  if (text == NULL) return throw_error(env, "compile(xsd) needs a string.");
  findings_t errors = {0};
  pthread_mutex_lock(&lock);
  xmlSchemaParserCtxtPtr parser = schema == NULL ? lib.schemaNewMemParserCtxt(text, (int)len) : NULL;
  if (parser != NULL) {
    lib.schemaSetParserStructuredErrors(parser, collect, &errors);
    schema = lib.schemaParse(parser);
    compilations++;
    lib.schemaFreeParserCtxt(parser);
  }
  free(text);
  if (schema != NULL && valid_ctxt == NULL) valid_ctxt = lib.schemaNewValidCtxt(schema);
  pthread_mutex_unlock(&lock);
  char message[512];
  snprintf(message, sizeof message, "The dialplan XSD does not compile: %s",
           errors.count && errors.items[0].message ? errors.items[0].message : "libxml2 gave no reason");
  findings_free(&errors);
  if (valid_ctxt == NULL) return throw_error(env, message);
  return NULL;
}

static void set_int(napi_env env, napi_value obj, const char *key, int value) {
  napi_value v;
  napi_create_int32(env, value, &v);
  napi_set_named_property(env, obj, key, v);
}

/* validate(xmlText): the errors libxml2 raised while reading and validating the text. */
static napi_value validate(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (valid_ctxt == NULL) return throw_error(env, "validate() before compile().");
  if (argc < 1) return throw_error(env, "validate(xml) needs the document text.");
  size_t len;
  char *text = string_arg(env, argv[0], &len);
  if (text == NULL) return throw_error(env, "validate(xml) needs a string.");
  if (len > INT32_MAX) {
    free(text);
    return throw_error(env, "The document is larger than libxml2 can read (2 GB).");
  }

  findings_t errors = {0};
  int result = 0;
  pthread_mutex_lock(&lock);
  /* The stream is freed by xmlSchemaValidateStream. libxml2 reads `text` in pieces, as it
     reads a file, and drops what it has parsed: xmlParserInputBufferCreateMem would copy all
     of it into its own buffer first (a second whole copy of a 20 MB plan), and a static
     buffer over it makes libxml2 2.9 refuse input past 10 MB ("Huge input lookup"). */
  reader_t reader = {text, len, 0};
  xmlParserInputBufferPtr input = lib.inputBufferCreateIO(read_piece, NULL, &reader, XML_CHAR_ENCODING_NONE);
  if (input != NULL) {
    xmlSAXHandler tracker;
    memset(&tracker, 0, sizeof tracker);
    tracker.initialized = XML_SAX2_MAGIC;
    tracker.setDocumentLocator = on_locator;
    tracker.startElementNs = on_start;
    tracker.endElementNs = on_end;
    tracker.characters = on_text;
    tracker.cdataBlock = on_text;
    xmlStructuredErrorFunc previous = *lib.structuredError();
    void *previous_context = *lib.structuredErrorContext();
    lib.setStructuredErrorFunc(&errors, collect);
    result = lib.schemaValidateStream(valid_ctxt, input, XML_CHAR_ENCODING_NONE, &tracker, &errors);
    lib.setStructuredErrorFunc(previous_context, previous);
  }
  pthread_mutex_unlock(&lock);
  free(text);
  if (input == NULL || errors.failed) {
    findings_free(&errors);
    return throw_error(env, "libxml2 ran out of memory reading the document.");
  }
  /* Not valid (result > 0) or not checked (result < 0), yet no error at error level came
     out: report one rather than an empty list, which would read as valid. */
  int reported = 0;
  for (size_t i = 0; i < errors.count; i++) reported |= errors.items[i].level >= XML_ERR_ERROR;
  if (result != 0 && !reported) {
    if (!grow((void **)&errors.items, &errors.capacity, errors.count, sizeof(found_t))) {
      findings_free(&errors);
      return throw_error(env, "libxml2 ran out of memory reading the document.");
    }
    found_t *it = &errors.items[errors.count++];
    char message[160];
    snprintf(message, sizeof message, "libxml2 did not accept the document but gave no reason (xmlSchemaValidateStream returned %d).", result);
    it->schema = result > 0;
    it->level = XML_ERR_FATAL;
    it->line = 0;
    it->column = 0;
    it->message = strdup(message);
  }

  napi_value out;
  napi_create_array_with_length(env, errors.count, &out);
  for (size_t i = 0; i < errors.count; i++) {
    found_t *it = &errors.items[i];
    napi_value obj, message, flag;
    napi_create_object(env, &obj);
    napi_get_boolean(env, it->schema, &flag);
    napi_set_named_property(env, obj, "schema", flag);
    set_int(env, obj, "level", it->level);
    set_int(env, obj, "line", it->line);
    set_int(env, obj, "column", it->column);
    napi_create_string_utf8(env, it->message ? it->message : "", NAPI_AUTO_LENGTH, &message);
    napi_set_named_property(env, obj, "message", message);
    napi_set_element(env, out, (uint32_t)i, obj);
  }
  findings_free(&errors);
  return out;
}

/* compilations(): how many times this process compiled the schema. */
static napi_value compilations_count(napi_env env, napi_callback_info info) {
  napi_value out;
  napi_create_int32(env, compilations, &out);
  return out;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"load", NULL, load, NULL, NULL, NULL, napi_default, NULL},
      {"compile", NULL, compile, NULL, NULL, NULL, napi_default, NULL},
      {"validate", NULL, validate, NULL, NULL, NULL, napi_default, NULL},
      {"compilations", NULL, compilations_count, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
