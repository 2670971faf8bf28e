/*
 * zena.h - the interfaces of every zena2wat module, grouped by file.
 *
 * Pipeline: source text -> lexer (lexer/lexer.l) -> token classification
 * (lexer/classify.c) -> grammar (grammar/parser.y) -> AST (src/ast.c) ->
 * checker -> emitter (emit/).  All long-lived data lives in one Arena per
 * compilation and is freed in one go.
 */
#ifndef ZENA_H
#define ZENA_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* ------------------------------------------------------------------ */
/* arena.c: bump allocation, freed all at once                         */
/* ------------------------------------------------------------------ */

typedef struct Arena Arena;

Arena *arena_new(void);
void arena_free(Arena *arena);
/* Takes over other's memory (freed with arena's) and frees other: what a
 * second thread allocated in an arena of its own (parse.c). */
void arena_adopt(Arena *arena, Arena *other);
void *arena_alloc(Arena *arena, size_t size); /* zero-filled */
char *arena_strndup(Arena *arena, const char *s, size_t len);
char *arena_strdup(Arena *arena, const char *s);
char *arena_printf(Arena *arena, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Keeps the arena's next block faulted in ahead by the prefault thread. */
void arena_prefault(Arena *arena);
/* Makes room for item n of an n-item array (amortised doubling). */
void *arena_grow(Arena *arena, void *items, int n, size_t size);
/* realloc and calloc that never return NULL (they exit when out of
 * memory), for small vectors that outlive no phase. */
void *xrealloc(void *p, size_t size);
void *xcalloc(size_t count, size_t size); /* zero-filled */
/* Vectors that may be big (tokens, output text, tables): a big one gets
 * huge pages of its own.  Each is freed with vec_free or vec_keep and
 * its size in bytes (as given, or as vec_take set it). */
void *vec_new(size_t size); /* zero-filled */
void vec_free(void *p, size_t size);
/* At least *size bytes, not cleared: the vector vec_keep kept when it is
 * big enough (its pages are already in memory), else fresh memory; *size
 * becomes the size it has. */
void *vec_take(size_t *size);
/* vec_free, except that the biggest vector yet is kept for vec_take. */
void vec_keep(void *p, size_t size);

/* prefault.c: a thread that faults in memory before it is written.  All
 * no-ops when the thread is not running (start failed or not called). */
bool prefault_start(void); /* true if the thread now runs */
void prefault_stop(void);
bool prefault_running(void);
/* Asks for [p, p + size), before what was asked for earlier if `soon`. */
void prefault(void *p, size_t size, bool soon);

/* A growable byte buffer living in an arena (old storage is abandoned). */
typedef struct {
  Arena *arena; /* where the bytes live */
  char *data;   /* NUL-terminated contents */
  size_t len;   /* bytes used, excluding the NUL */
  size_t cap;   /* bytes allocated */
} StrBuf;

void strbuf_init(StrBuf *sb, Arena *arena);
void strbuf_putc(StrBuf *sb, char c);
void strbuf_put(StrBuf *sb, const char *s, size_t len);
void strbuf_reserve(StrBuf *sb, size_t more); /* room for `more` bytes */

/* ------------------------------------------------------------------ */
/* diag.c: source files and diagnostics                                */
/* ------------------------------------------------------------------ */

/* A source range, as byte offsets: every token and node has one, so it is
 * kept small (12 bytes); lines and columns are worked out when a message
 * or a `;; file:line` comment needs them (source_position). */
typedef struct Loc {
  unsigned start; /* offset of the first byte */
  unsigned end;   /* offset just past the last byte */
  int file;       /* which source: an index into the Diag's files */
} Loc;

typedef struct {
  const char *path; /* name used in diagnostics ("<stdin>" for -) */
  char *text;       /* whole file, NUL-terminated */
  size_t len;       /* length of text in bytes */
  int index;        /* its number among the program's files (Loc.file) */
  unsigned *lines;  /* offset where each line starts (lines[0]: 0), in order;
                       noted by the lexer (source_note_line) */
  int nlines;       /* entries in lines */
  int caplines;     /* allocated entries */
} Source;

/* A position as people count: 1-based line and byte column. */
typedef struct {
  int line;
  int column;
} LineCol;

/* Collects diagnostics for a program's source files and prints them. */
typedef struct {
  const Source *src;    /* the first file (the entry module) */
  const Source **files; /* further files, by index (see diag_add_file) */
  int nfiles;           /* files known, src included */
  FILE *out;            /* where messages go (stderr); NULL: only counted */
  int errors;           /* errors reported so far */
  int warnings;         /* warnings reported so far */
  int max_errors;       /* stop printing (not counting) past this many */
  unsigned long seen[64]; /* fingerprints of recent errors, to drop repeats */
  int nseen;            /* errors fingerprinted so far (seen is a ring) */
} Diag;

/* Sources larger than this are refused: offsets in a Loc are 32 bits. */
#define SOURCE_MAX 0xFFFFFFF0u
/* Reads a file ("-" is stdin); on failure returns false with errno set. */
bool source_read(Source *src, Arena *arena, const char *path);
void source_from_string(Source *src, Arena *arena, const char *path,
                        const char *text);
void diag_init(Diag *diag, const Source *src, FILE *out);
/* Registers another file; sets src->index.  diag_free releases the list. */
void diag_add_file(Diag *diag, Source *src);
void diag_free(Diag *diag);
const Source *diag_file(const Diag *diag, int index);
/* Records that a line starts at `offset` (0, then just past each newline);
 * offsets come in increasing order, each once. */
void source_note_line(Source *src, Arena *arena, unsigned offset);
/* The line and column of a byte offset: by the lines noted, else (a
 * source the lexer has not seen) by counting newlines. */
LineCol source_position(const Source *src, unsigned offset);
/* Just the line, found fast when it is a few lines after line `near`
 * (the emitter asks for the lines of statements in order). */
int source_line_near(const Source *src, unsigned offset, int near);
LineCol loc_start(const Diag *diag, Loc loc); /* of loc's first byte */
LineCol loc_end(const Diag *diag, Loc loc);   /* just past its last byte */
/* Prints `file:line:col: error: msg`, the source line and a caret. */
void diag_error(Diag *diag, Loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void diag_warning(Diag *diag, Loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ------------------------------------------------------------------ */
/* lexer/lexer.l + lexer/classify.c: tokens                            */
/* ------------------------------------------------------------------ */

/* Token kinds are bison's (grammar/parser.h); 0 is end of input. */
typedef struct {
  short kind;         /* bison token number, or a character for 1-char tokens */
  bool space_before : 1;    /* whitespace, a newline or a comment precedes it */
  bool line_before : 1;     /* a newline precedes it */
  bool semicolon_after : 1; /* classify_tokens inserted a ';' after it */
  bool has_cooked : 1;      /* a string or template part: see token_cooked */
  Loc loc;            /* where the token is */
  const char *text;   /* the lexeme exactly as written (arena) */
} Token; /* 24 bytes: a big program has millions */

typedef struct {
  Token *items;  /* the tokens, ending with one of kind 0 (end of input) */
  size_t len;    /* number of tokens including the end token */
  size_t cap;    /* allocated slots */
  bool borrowed; /* items is a stretch of a vector owned elsewhere: growing
                    copies it out (to memory of its own) */
} TokenVec;

/* Token slots to reserve for `bytes` of source: one per 2 bytes (real
 * code has one per 3 or more), so that the vector hardly ever grows. */
static inline size_t tokens_for(size_t bytes) { return bytes / 2 + 256; }
/* Scans the whole source; reports lexical errors to diag.  Always produces
 * a token vector ending in an end-of-input token, even after errors; its
 * items are a vector (vec_take; parse_module hands them to vec_keep). */
void lex_source(Source *src, Arena *arena, Diag *diag, TokenVec *out);
/* Scans src's text [from, to) into out (which has room), as lex_source
 * does the whole: `from` is 0 or just past a newline (its first token
 * starts a line).  Lines are noted in src: afresh when `from` is 0, else
 * added to those it has. */
void lex_span(Source *src, unsigned from, unsigned to, Arena *arena, Diag *diag,
              TokenVec *out);
/* Re-labels context-dependent tokens (arrow parameter lists, type-argument
 * angle brackets, statement blocks, if statements) for the LALR grammar, in
 * place, and inserts optional semicolons: it marks the token a ';' follows
 * (semicolon_after; the parser hands out inserted_semicolon() after it). */
void classify_tokens(TokenVec *toks);
/* The ';' classify_tokens inserted after t: at t's end, of no width. */
Token inserted_semicolon(const Token *t);
/* A string's or template part's value after escapes; NULL for other tokens. */
const char *token_cooked(const Token *t);
/* Human-readable token kind, e.g. "')'" or "identifier". */
const char *token_kind_name(int kind);

/* ------------------------------------------------------------------ */
/* ast.c: the typed AST (node kinds are listed in ast.def)             */
/* ------------------------------------------------------------------ */

typedef struct Node Node;
typedef struct Type Type; /* resolved types, defined by the checker */

typedef struct {
  Node **items; /* the nodes */
  int len;      /* number of nodes */
  int cap;      /* allocated slots */
} NodeList;

typedef struct {
  const char **items; /* the strings */
  int len;            /* number of strings */
  int cap;            /* allocated slots */
} TextList;

typedef enum {
#define NODE(kind, ...) ND_##kind,
#define LEAF(kind) ND_##kind,
#include "ast.def"
#undef NODE
#undef LEAF
  ND__COUNT
} NodeKind;

/* Per-kind field structs: n->BinaryExpression.left and so on. */
#define CHILD(c, j) Node *c;
#define CHILD_N(c, j) Node *c;
#define LIST(c, j) NodeList *c;
#define LIST_O(c, j) NodeList *c;
#define TEXT(c, j) const char *c;
#define TEXT_O(c, j) const char *c;
#define TEXTS(c, j) TextList *c;
#define FLAG(c, j) bool c;
#define FLAG_O(c, j) bool c;
#define LITERAL(c, j) Node *c;
#define COOKED(c, r, j) const char *c; const char *r;
#define SETTER(p, b, j) Node *p; Node *b;

typedef struct Symbol Symbol;

struct Node {
  NodeKind kind; /* which member of the union is live */
  /* A node is allocated at the size of its kind (node_new), so a whole
   * Node must never be copied by assignment, which would copy sizeof(Node)
   * bytes: this const member (of no size) makes `*a = *b` a compile error.
   * Use node_become(). */
  const char no_assign[0];
  Loc loc;       /* source range of the whole construct */
  Type *type;    /* resolved type, filled in by the checker */
  Symbol *sym;   /* what a name refers to, filled in by the checker */
  union {
#define NODE(kind, ...) struct { __VA_ARGS__ } kind;
#define LEAF(kind)
#include "ast.def"
#undef NODE
#undef LEAF
  };
};

#include "ast_undef.h"

/* The parts of anything function-like: an arrow function or a method. */
typedef struct {
  NodeList *tparams; /* type parameters, or NULL */
  NodeList *params;  /* Parameter nodes */
  Node *ret;         /* declared return type, or NULL */
  Node *body;        /* block or expression; NULL for `;` bodies */
  bool is_async;     /* declared async */
} FnParts;

FnParts fn_parts(const Node *fn);
Node *node_new(Arena *arena, NodeKind kind, Loc loc);
/* Turns n into a copy of `from` in place (the checker rewrites a map
 * literal into a call, a for-in loop into a block); aborts unless n's
 * memory has room for from's kind (node_size). */
void node_become(Node *n, const Node *from);
size_t node_size(NodeKind kind); /* bytes node_new gives a node of this kind */
Node *node_ident(Arena *arena, const char *name, Loc loc);
const char *node_kind_name(NodeKind kind);
NodeList *list_new(Arena *arena);
/* Appends to list, creating it when NULL; returns the list. */
NodeList *list_push(Arena *arena, NodeList *list, Node *node);
TextList *texts_push(Arena *arena, TextList *list, const char *text);

/* The deepest tree the later passes accept.  They recurse along the tree,
 * and a long left-nested chain (`a + a + ...`, `a.b.c...`) is deep without
 * deep parser stacks; 100k levels overflowed the C stack. */
enum { AST_MAX_DEPTH = 1000 };
/* Without recursing: reports "Nesting too deep" and returns false when the
 * tree under root is deeper than AST_MAX_DEPTH nodes.  Unless kinds is
 * NULL, also sets kinds[K] for each kind K of node it finds (one walk over
 * a big tree instead of two). */
bool ast_check_depth(const Node *root, Diag *diag, bool kinds[ND__COUNT]);

/* ------------------------------------------------------------------ */
/* ast_clone.c: copies for generic instantiation                       */
/* ------------------------------------------------------------------ */

/* A deep copy of node (NULL for NULL) without checker annotations; texts
 * are shared. */
Node *ast_clone(Arena *arena, const Node *node);

/* ------------------------------------------------------------------ */
/* ast_json.c: --dump-ast                                              */
/* ------------------------------------------------------------------ */

/* Writes the tree as pretty JSON in the upstream snapshot shape, with a
 * "loc" object on every node. */
void ast_dump_json(FILE *out, const Node *node, const Source *src);

/* ------------------------------------------------------------------ */
/* grammar/parser.y: the parser                                        */
/* ------------------------------------------------------------------ */

/* Parses a whole module and checks that its tree is not too deep for the
 * recursive passes (ast_check_depth, which also fills kinds unless it is
 * NULL).  Returns the Module node, or NULL when errors were reported to
 * diag (diag->errors > 0). */
Node *parse_module(Source *src, Arena *arena, Diag *diag, bool kinds[ND__COUNT]);

/* ------------------------------------------------------------------ */
/* types.c: the checker's types                                        */
/* ------------------------------------------------------------------ */

typedef enum {
  TY_ERROR,    /* after a reported error: agrees with everything */
  TY_VOID,     /* no value */
  TY_NEVER,    /* does not return (throw, trap) */
  TY_NULL,     /* the type of `null` */
  TY_BOOLEAN,  /* i32 0/1 in Wasm */
  TY_I32,
  TY_U32,
  TY_I64,
  TY_F32,
  TY_F64,
  TY_STRING,   /* immutable UTF-8 bytes: (ref $String) */
  TY_ANY,      /* any value, numbers boxed: anyref */
  TY_SCOPE,    /* the handle `scope(...)` gives its body: (ref $Scope) */
  TY_TASK,     /* Task<T>, elem T: a running computation, (ref $Task) */
  TY_CHANNEL,  /* Channel<T>, elem T: (ref $Channel.KIND) */
  TY_FUNCTION, /* params -> result */
  TY_CLASS,    /* an instance of a class: (ref $Name) */
  TY_ARRAY,    /* FixedArray<T>: a Wasm GC array */
  TY_UNION,    /* A | B | null, of reference types only */
  TY_ENUM,     /* an enum: a distinct type over i32 or String */
  TY_RECORD,   /* {x: T, y: U}: an immutable struct, fields sorted by name */
  TY_TUPLE,    /* (T, U): an immutable struct of numbered fields */
  TY_LITERAL,  /* 'a', 1, true: one value of its base type */
  TY_DISTINCT, /* distinct type N = T: T under another, unrelated name */
  TY_PARAM,    /* a type parameter of a generic not yet instantiated */
} TypeKind;

typedef struct ClassInfo ClassInfo;

/* An enum: named constants of one backing type. */
typedef struct {
  const char *name;     /* the enum's name */
  Type *type;           /* the enum type itself */
  Type *backing;        /* i32 or String */
  const char **members; /* member names, in order */
  Node **values;        /* NumberLiteral / StringLiteral for each, or NULL */
  long long *numbers;   /* i32 enums: each member's value */
  int nmembers;         /* number of members */
} EnumInfo;

struct Type {
  TypeKind kind;  /* what sort of type */
  ClassInfo *cls; /* TY_CLASS: the class */
  Type *elem;     /* TY_ARRAY, TY_CHANNEL: the element; TY_TASK: the result;
                     TY_LITERAL, TY_DISTINCT: the base */
  EnumInfo *en;   /* TY_ENUM: the enum */
  Type **members; /* TY_UNION: the alternatives, no unions among them;
                     TY_RECORD, TY_TUPLE: the field types */
  int nmembers;   /* TY_UNION, TY_RECORD, TY_TUPLE: how many */
  const char **names; /* TY_RECORD: the field names, sorted */
  bool *optional; /* TY_RECORD: which fields may be left out (`x?: T`) */
  const char *text; /* TY_LITERAL: the value as written; TY_DISTINCT, and
                       TY_RECORD of a recursive alias: the name */
  Type **params;  /* TY_FUNCTION: parameter types */
  int nparams;    /* TY_FUNCTION: number of parameters */
  Type *result;   /* TY_FUNCTION: result type */
  int id;         /* TY_FUNCTION, TY_RECORD, TY_TUPLE: index among interned ones */
  const char *name; /* TY_PARAM: the parameter's name */
};

Type *type_basic(TypeKind kind);
Type *type_class(Arena *arena, ClassInfo *cls); /* one Type per class */
Type *type_array(Type *elem);                   /* interned */
Type *type_task(Type *result);                  /* Task<T>, interned */
Type *type_channel(Type *elem);                 /* Channel<T>, interned */
/* A | B (interned; nested unions are flattened, duplicates dropped; a
 * single member is returned as it is). */
Type *type_union(Type **members, int n);
Type *type_without_null(Type *t);               /* T | null -> T */
/* Records and tuples are interned: equal shapes give the same pointer.
 * type_record takes its fields in any order and sorts them by name. */
Type *type_record(const char **names, Type **types, const bool *optional, int n);
Type *type_tuple(Type **elems, int n);
/* A record type of its own, named by a (recursive) type alias: made before
 * its fields are known, then given the fields of shape. */
Type *type_named_record(const char *name);
void type_fill_record(Type *named, const Type *shape);
/* A literal type: base is String, boolean or a number type; text is the
 * string's value, "true"/"false", or the number as written (interned). */
Type *type_literal(Type *base, const char *text);
/* Interned by name and base: `Meters`, `Box<i32>` (distinct instances). */
Type *type_distinct(const char *name, Type *base);
/* The index of a record's field, or -1. */
int record_field(const Type *record, const char *name);
/* What a value is at run time: literal and distinct types are their base. */
const Type *type_erased(const Type *t);
bool type_is_reference(const Type *t);          /* lives on the GC heap */
bool type_has_null(const Type *t);              /* null is one of its values */
/* For `T | null` with T a number or boolean (the value of an optional chain
 * ending in one, held in a box): T; otherwise NULL. */
Type *type_boxed_value(const Type *t);
/* Function types are interned: equal signatures give the same pointer. */
Type *type_function(Type **params, int nparams, Type *result);
const char *type_name(Arena *arena, const Type *type); /* "i32", "(a: i32) => void" */
bool type_is_numeric(const Type *type);
bool type_is_integer(const Type *type);
/* May a value of type `from` be used where `to` is expected? */
bool type_assignable(const Type *from, const Type *to);
/* Does cls derive from or implement target (a class or an interface)? */
bool class_implements(const ClassInfo *cls, const ClassInfo *target);

/* The value of a number literal's text (decimal, 0x, 0b, float forms). */
typedef struct {
  bool is_float;     /* written with '.' or an exponent */
  bool overflow;     /* an integer too large for 64 bits */
  unsigned long long bits; /* integer value */
  double value;      /* the value as a double (floats and integers) */
} NumberValue;
NumberValue number_value(const char *raw);

/* ------------------------------------------------------------------ */
/* check.c: name resolution and type checking                          */
/* ------------------------------------------------------------------ */

typedef enum {
  SYM_LOCAL,    /* a let/var or parameter inside a function */
  SYM_GLOBAL,   /* a module-level let/var that is not a function */
  SYM_FUNCTION, /* a module-level `let f = (...) => ...`: a Wasm function */
  SYM_IMPORT,   /* an @external declare function */
  SYM_BUILTIN,  /* a built-in object such as `console` */
  SYM_CLASS,    /* a class name */
  SYM_ENUM,     /* an enum name (its members are read as Name.Member) */
  SYM_TYPE,     /* a type alias or distinct type (resolved on first use) */
  SYM_GENERIC_CLASS, /* a generic class: a template for its instances */
  SYM_TYPE_PARAM, /* inside a generic instance: a type parameter's argument */
  SYM_MIXIN,    /* a mixin: applied to classes that name it in `with` */
} SymbolKind;

typedef struct Generic Generic;
typedef struct MixinInfo MixinInfo;
typedef struct Scope Scope;

struct Symbol {
  const char *name;      /* the Zena name */
  SymbolKind kind;       /* what it is */
  bool is_var;           /* declared with var: may be assigned */
  bool boxed;            /* a var captured by a closure: lives in a cell */
  Type *type;            /* its type */
  Node *decl;            /* the declaring node */
  const char *wasm_name; /* unique $name in the output, without the '$' */
  struct Function *fn;   /* SYM_FUNCTION: its code */
  struct Function *owner; /* SYM_LOCAL: the function it is a local of */
  Symbol *narrowed_from; /* an alias with a narrower type (check_narrow.c) */
  Generic *generic;      /* a generic function or class: its template */
  MixinInfo *mixin;      /* SYM_MIXIN: the mixin */
  Symbol *overload;      /* SYM_IMPORT: the next `declare function` of its name */
  Symbol *next;          /* next symbol in the same scope */
};

/* A function to emit, with every local its body declares.  Arrow functions
 * inside functions become closures: Wasm functions of their own whose
 * captured variables arrive in an environment struct. */
typedef struct Function {
  Symbol *sym;      /* the function's own symbol (name and type) */
  Node *node;       /* its FunctionExpression, or the MethodDefinition */
  ClassInfo *owner; /* for methods and constructors: the class (`this`) */
  int module;       /* index of the module it is in */
  Scope *scope;     /* scope the body sees, when not its module's (generics) */
  Symbol *this_sym; /* for methods and constructors: `this` */
  struct Method *method; /* for methods: the method */
  struct Function *parent; /* for closures: the enclosing function */
  Symbol **captures;  /* for closures: outer locals it uses, in first-use order */
  int ncaptures;      /* number of captures */
  bool is_closure;    /* an arrow function inside a function: a closure */
  bool is_async;      /* may suspend: called, it gives a Task (see check_async.c) */
  Type *code_type;    /* async: the code's signature, params -> T (sym->type
                         gives Task<T>); NULL otherwise */
  bool as_value;      /* a module-level function also used as a value */
  bool reachable;     /* emit/reach.c: used from main or module init */
  const char *accessor_field; /* a field's getter or setter: the field */
  bool is_setter;     /* with accessor_field: the setter */
  bool is_ctor;     /* a constructor: initialises `this` */
  bool check_only;  /* in a mixin's own check: never emitted */
  bool is_hash_code; /* a case class's generated hashCode() */
  Symbol **params;  /* parameter symbols, in order */
  Symbol **locals;  /* let/var symbols of the body, each with a unique name */
  int nlocals;      /* number of locals */
  int cap;          /* allocated local slots */
  const Type **ref_types; /* types in the body that may mention classes */
  int nref_types;         /* entries in ref_types */
  struct Function **ref_fns; /* functions the body names (src/check_refs.c) */
  int nref_fns;           /* entries in ref_fns */
  bool refs_known;        /* ref_types and ref_fns were collected */
  /* What calls and the emitter ask of the parameter list, read from the
   * tree once by note_params (by the time they ask, the parameter nodes
   * have long left the cache). */
  bool has_param_list; /* function_params(f) is not NULL */
  int nrequired;       /* with a list: arguments a call must pass */
  bool has_defaults;   /* a parameter has a default value */
  bool has_patterns;   /* a parameter is destructured */
} Function;

/* What a tree refers to, for dead-code elimination: see check_refs.c. */
enum { REFS_SEEN = 64 };
typedef struct {
  const Type **types;  /* types that may mention classes (malloc'ed) */
  int ntypes;          /* entries in types */
  int captypes;        /* allocated entries */
  Function **fns;      /* functions named (malloc'ed) */
  int nfns;            /* entries in fns */
  int capfns;          /* allocated entries */
  const Type *seen[REFS_SEEN]; /* types kept lately, by address: not again */
} Refs;

/* Adds what the tree n refers to (not entering functions other than root). */
void refs_collect(Refs *r, Node *n, const Node *root);
void refs_clear(Refs *r); /* empties r, to collect another tree */
void refs_free(Refs *r);

/* A field of a class, in layout order (inherited fields first). */
typedef struct {
  const char *name; /* Zena name (`#x` for private fields) */
  Type *type;       /* declared or inferred type */
  bool is_var;      /* assignable outside constructors */
  Node *decl;       /* FieldDefinition or CaseClassParam */
  Node *init;       /* default value expression, or NULL */
} Field;

/* A method of a class. */
typedef struct Method Method;
struct Method {
  const char *name; /* Zena name */
  Function *fn;     /* its code (no body when abstract) */
  ClassInfo *owner; /* the class that defines this body */
  Method *root;     /* the method it overrides, up to the first one; or itself */
  bool is_virtual;  /* on a root: overridden or abstract, so calls dispatch */
  bool is_abstract; /* declared without a body */
  Generic *generic; /* a method with type parameters: its template */
  const char *label; /* its part of Wasm names: the name, or NAME.N for an overload */
  Type *params;      /* its declared parameter types (-> void), once overloads asked */
};

struct ClassInfo {
  const char *name;   /* Zena name, also the Wasm type name */
  Node *decl;         /* the ClassDeclaration */
  ClassInfo *super;   /* superclass, or NULL */
  Type *type;         /* the instance type */
  Field *fields;      /* all fields, inherited first */
  int nfields;        /* number of fields */
  Method **methods;   /* own methods (not inherited) */
  int nmethods;       /* number of own methods */
  Method **slots;     /* virtual methods (roots), inherited first: the vtable */
  int nslots;         /* number of slots */
  Function *ctor;     /* the constructor (always present) */
  bool has_subclasses; /* some class extends this one */
  bool has_vtable;    /* its hierarchy dispatches: field 0 is the vtable */
  bool is_abstract;   /* abstract or sealed: never instantiated itself */
  bool is_singleton;  /* a sealed class's unit variant: `new` gives one object */
  bool needs_equals;  /* a case class compared with ==: emit $C.equals */
  int state;          /* 0 not defined, 1 being defined, 2 defined, 3 ordered */
  const char *display; /* instances: the Zena spelling, `Pair<i32, String>` */
  Generic *generic;   /* instances: the generic class they come from */
  Type **targs;       /* instances: the type arguments */
  Scope *scope;       /* instances: binds the type parameters */
  bool is_template;   /* an instance over type parameters: for inference only */
  bool is_interface;  /* an interface: no storage, every method abstract */
  ClassInfo *mixin_base; /* a mixin application: the class it extends */
  bool is_check_only; /* a mixin checked on its own: never emitted */
  bool is_extension;  /* `extension class E on T`: methods for T's values */
  Type *on;           /* an extension: the type it extends */
  Symbol **statics;   /* static methods: functions without `this` */
  int nstatics;       /* number of statics */
  ClassInfo **ifaces; /* interfaces it implements (or, for one, extends) */
  int nifaces;        /* number of ifaces */
  bool reachable;     /* emit/reach.c: its values exist in reachable code */
};

/* A checked program: what the emitter needs beyond the annotated AST. */
typedef struct {
  Diag *diag;           /* knows every file, for comments in the output */
  NodeList *modules;    /* every module, dependencies first */
  Node *module;         /* the entry module (the last) */
  Function **functions; /* module-level functions, in declaration order */
  int nfunctions;       /* number of functions */
  Symbol **globals;     /* module-level variables */
  int nglobals;         /* number of globals */
  Symbol **imports;     /* host imports */
  int nimports;         /* number of imports */
  ClassInfo **classes;  /* classes, superclasses before subclasses */
  int nclasses;         /* number of classes */
  ClassInfo **interfaces; /* interfaces (instances of generic ones included) */
  int ninterfaces;      /* number of interfaces */
  Symbol *main;         /* the exported `main`, or NULL */
  Function *init;       /* module initialisation: the locals of module-level
                           statements (blocks, loops, destructuring) */
  bool uses_console;    /* console.log appears */
  ClassInfo *thrown;    /* Error, once throw or try appears: the tag's type */
  const Node *async_use; /* the first async construct (the program needs the
                           task runtime; channels throw Errors), or NULL */
} Program;

/* Resolves names and checks types of the modules (as parse_program gives
 * them), annotating the AST (->type, ->sym); returns false when errors were
 * reported to diag. */
bool check_program(NodeList *modules, Program *prog, Arena *arena, Diag *diag);

/* check_class.c: a field of cls (inherited ones included), and the method a
 * call on a cls receiver finds (the nearest definition up the chain). */
const Field *find_field(const ClassInfo *cls, const char *name);
const Method *find_method(const ClassInfo *cls, const char *name);
/* The most derived method of cls that is (or overrides) the root method slot. */
const Method *find_override(const ClassInfo *cls, const Method *slot);
/* The method of cls implementing m (a superclass's or an interface's). */
const Method *find_method_like(const ClassInfo *cls, const Method *m);
/* check_record.c: the element a (checked) tuple index expression reads. */
int tuple_slot(const Node *index);
/* check_pattern.c: the properties of a record or class pattern; the
 * parameters of a function (Parameter or, for a case class's constructor,
 * CaseClassParam nodes; NULL when it has no parameter list); a parameter's
 * default value (or NULL) and whether a call may leave it out. */
NodeList *pattern_props(const Node *pattern);
NodeList *function_params(const Function *f);
NodeList *host_params(const Symbol *import); /* of a `declare function` */
/* check_expr.c: is sym the built-in __LOCATION__, a String telling where
 * it is written (as a parameter's default: where the call is)? */
bool is_location(const Symbol *sym);
Node *param_default(const Node *param);
bool param_is_optional(const Node *param);
/* check_enum.c: the index of member `name` of an enum, or -1. */
int enum_member(const EnumInfo *en, const char *name);

/* ------------------------------------------------------------------ */
/* modules.c: the modules of a program                                 */
/* ------------------------------------------------------------------ */

/* Parses the entry module and, recursively, every module it imports with
 * a relative path.  Returns the Module nodes, each module after the ones it
 * imports (the entry last), or NULL after errors. */
NodeList *parse_program(Source *entry, Arena *arena, Diag *diag);
/* The path an import names, from the importing file's path; a standard
 * library module (`zena:NAME`) keeps its name. */
const char *resolve_import(Arena *arena, const char *importer, const char *spec);
/* Is `path` a prelude module, whose exports every module sees? */
bool is_prelude_module(const char *path);

/* src/stdlib.c, generated from stdlib/ by the build: the standard library. */
typedef struct {
  const char *name; /* "error" for `zena:error` */
  const char *text; /* the module's source */
} StdlibModule;
extern const StdlibModule stdlib_modules[]; /* ends with {NULL, NULL} */

/* ------------------------------------------------------------------ */
/* emit/emit.c: WAT output                                             */
/* ------------------------------------------------------------------ */

typedef enum { TARGET_WASI, TARGET_JS } Target;
bool check_target(const Program *prog, Target target, Diag *diag); /* check_async.c */

/* Writes the checked program as a WAT module for the target. */
void emit_module(FILE *out, const Program *prog, Target target, Arena *arena);

#endif
