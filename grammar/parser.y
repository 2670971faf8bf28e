/*
 * parser.y - the Zena grammar (bison, pure, LALR(1) with LAC).
 *
 * Design notes
 * - The scanner's tokens first go through classify_tokens() (lexer/
 *   classify.c), which looks ahead as far as needed to relabel the few
 *   tokens whose meaning one token of look-ahead cannot settle: '(' opening
 *   arrow parameters (ARROW_LPAREN), '<' opening type arguments in an
 *   expression (TYPEARGS_LT), '{' opening a block (BLOCK_LBRACE) and 'if'
 *   starting a statement (IF_STMT).  It also inserts the optional ';' after
 *   a block-ended expression statement.  This keeps the grammar LALR(1),
 *   its actions immediate and its error messages precise, where GLR would
 *   defer actions and blur errors.
 * - Operator precedence is declared below, lowest first, matching the
 *   reference's table.  Right shifts arrive as GT_JOINED '>' (a '>' glued to
 *   the next '>'), so `Map<K, Array<V>>` closes two type-argument lists.
 * - Contextual words (from, type, as, match, ...) are tokens of their own;
 *   `name` accepts all of them where a binding or member name is expected,
 *   `ident` accepts those that cannot be mistaken in expressions.
 * - %expect counts 14 shift/reduce conflicts, each resolved by shifting,
 *   which is the reading upstream Zena gives:
 *     6  `class C` then '(' (two tokens) or '<', with and without
 *        modifiers: case parameters and type parameters of the class;
 *     2  a bodiless class followed by '{': the '{' is the class body;
 *     2  `operator <` in a class: the operator method, not a method named
 *        `operator` with type parameters;
 *     1  `static symbol` in a class: the static symbol declaration;
 *     1  a type followed by '<' (`x as T < y`): type arguments;
 *     1  a function type's return type followed by '|': a union return type;
 *     1  `obj.:A.b`: the symbol path is `A.b`.
 * - The AST follows the upstream Zena compiler's shapes, so `--dump-ast`
 *   matches its snapshots.
 */
%code requires {
#include "zena.h"

/* Modifiers collected before a declaration or class member. */
typedef struct {
  bool is_static;         /* 'static' */
  bool is_abstract;       /* 'abstract' */
  bool is_final;          /* 'final' */
  bool is_sealed;         /* 'sealed' */
  bool is_extension;      /* 'extension' */
  bool is_declare;        /* 'declare' */
  bool is_async;          /* 'async' */
  const char *mutability; /* "let", "var" or NULL */
  NodeList *decorators;   /* '@name(...)' in order */
} Modifiers;

/* State shared by the scanner interface and the actions. */
typedef struct {
  const Source *src; /* the file being parsed */
  Token *toks;       /* classified tokens, ending with TOK_END */
  size_t pos;        /* next token to hand to the parser */
  bool semi_next;    /* an inserted ';' follows toks[pos - 1], not handed out yet */
  bool at_semi;      /* the last token handed out is that ';' ... */
  Token semi;        /* ... this one */
  Arena *arena;      /* where nodes live */
  Diag *diag;        /* where errors go */
  Node *module;      /* the result */
  int destructured;  /* destructured parameters seen in this parameter list */
} Parser;
}

%code provides {
/* This parser made without LAC (grammar/parser_fast.c; see parse.c). */
int zfparse(Parser *p);
}

%define api.pure full
%define api.token.prefix {TOK_}
%define api.location.type {Loc}
%define parse.error custom
%define parse.lac full
%define lr.type ielr
%locations
%param {Parser *p}

%union {
  const Token *tok; /* a token (in the vector, which outlives the parse) */
  Node *node;     /* an AST node */
  NodeList *list; /* a list of nodes */
  Modifiers *mods; /* declaration modifiers (arena) */
  int flags;      /* small bit sets */
}

%code {
#include <stdlib.h>
#include <string.h>

static void yyerror(Loc *loc, Parser *p, const char *msg);
/* The scanner interface: hands out the classified tokens in order.  Here,
 * not in the header, so that the parser can have it inline. */
static int yylex(YYSTYPE *lval, Loc *lloc, Parser *p);

/* An optional token that is not there (opt_comma, opt_question). */
static const Token no_token;
}

%code provides {
/* Like bison's default, for offsets, and also carries the file a
 * location is in. */
#define YYLLOC_DEFAULT(Cur, Rhs, N)                                       \
  do {                                                                    \
    if (N) {                                                              \
      (Cur).start = YYRHSLOC(Rhs, 1).start;                               \
      (Cur).end = YYRHSLOC(Rhs, N).end;                                   \
      (Cur).file = YYRHSLOC(Rhs, 1).file;                                 \
    } else {                                                              \
      (Cur).start = (Cur).end = YYRHSLOC(Rhs, 0).end;                     \
      (Cur).file = YYRHSLOC(Rhs, 0).file;                                 \
    }                                                                     \
  } while (0)

/* Node builders used by the actions (grammar/build.c). */
#define NEW(kind, loc) node_new(p->arena, ND_##kind, (loc))
#define PUSH(list, node) list_push(p->arena, (list), (node))
Node *ident_from(Parser *p, const Token *t);
Node *placeholder_or_name(Parser *p, Node *ident);
Node *copy_ident(Parser *p, const Node *id);
NodeList *skip_elements(Parser *p, NodeList *list, int n, Loc loc);
Node *number_literal(Parser *p, const Token *t);
Node *string_literal(Parser *p, const Token *t);
Node *bool_literal(Parser *p, bool value, Loc loc);
Node *template_start(Parser *p, const Token *first, bool tail, Loc loc);
Node *template_element(Parser *p, const Token *t, bool tail);
void template_finish(Parser *p, Node *tpl, NodeList *spans, const Token *tail);
NodeList *list_prepend(Parser *p, Node *first, NodeList *rest);
const char *op_text(Parser *p, const Token *op);
Node *binary(Parser *p, Node *left, const char *op, Node *right, Loc loc);
Node *unary(Parser *p, const char *op, Node *arg, Loc loc);
Node *assignment(Parser *p, Node *target, const char *op, Node *value, Loc loc);
Node *range(Parser *p, Node *start, Node *end, Loc loc);
Node *if_expr(Parser *p, Node *test, Node *then, Node *otherwise, Loc loc);
Node *member(Parser *p, Node *object, Node *property, bool optional, Loc loc);
Node *symbol_member(Parser *p, Node *object, Node *path, Loc loc);
Node *index_expr(Parser *p, Node *object, Node *index, bool optional, Loc loc);
Node *call(Parser *p, Node *callee, NodeList *targs, NodeList *args,
           bool optional, Loc loc);
Node *match_case(Parser *p, Node *pattern, Node *guard, Node *body, Loc loc);
Node *arrow(Parser *p, NodeList *tparams, NodeList *params, Node *ret,
            Node *body, Loc loc);
Node *var_decl(Parser *p, const Token *kind, Node *pattern, Node *type, Node *init,
               Loc loc);
Node *binding_prop(Parser *p, Node *name, Node *value, Loc loc);
Node *parameter(Parser *p, Node *name, Node *pattern, Node *type, Node *init,
                Loc loc);
Node *destruct_name(Parser *p, Loc loc);
Node *record_param(Parser *p, NodeList *props, Node *type, Node *init, Loc loc);
Node *named_type(Parser *p, const char *name, Loc loc);
const char *qualified_text(Parser *p, const Node *name);
Node *literal_type(Parser *p, Node *literal);
Node *tuple_type(Parser *p, NodeKind kind, NodeList *types, int trailing_comma,
                 Loc loc);
Node *function_type(Parser *p, NodeList *params, Node *ret, Loc loc);
Node *union_add(Parser *p, Node *left, Node *right);
Node *type_param(Parser *p, const Token *name, Node *constraint, Node *dflt, Loc loc);
Node *logical_pattern(Parser *p, const char *op, Node *l, Node *r, Loc loc);
/* A Modifiers in the arena, and a's with b's added to it (a is returned). */
#define MODS(...) mods_new(p, (Modifiers){__VA_ARGS__})
Modifiers *mods_new(Parser *p, Modifiers mods);
Modifiers *merge_mods(Parser *p, Modifiers *a, const Modifiers *b);
Node *class_decl(Parser *p, const Modifiers *mods, const Token *name, NodeList *tparams,
                 NodeList *case_params, Node *heritage, NodeList *members,
                 Loc loc);
Node *case_param(Parser *p, const char *mutability, Node *name, int optional,
                 Node *type, Node *init, Loc loc);
Node *variant(Parser *p, const Token *name, NodeList *params, Loc loc);
Node *with_default(Parser *p, Node *target, Node *value);
Node *static_symbol(Parser *p, const Token *name, Loc loc);
Node *field(Parser *p, Node *name, int optional, Node *type, Node *init,
            Loc loc);
Node *method(Parser *p, Node *name, NodeList *tparams, NodeList *params,
             Node *ret, Node *body, Loc loc);
void split_initializers(Parser *p, Node *ctor, NodeList *items);
Node *apply_mods(Parser *p, Node *member, const Modifiers *mods);
Node *decorator(Parser *p, Node *name, NodeList *args, Loc loc);
void attach_decorators(Parser *p, Node *decl, NodeList *decorators);
Node *mark_exported(Node *decl);
Node *named_member(Node *member, Node *name, Loc loc);
Node *interface(Parser *p, const Token *name, NodeList *tparams, NodeList *extends,
                NodeList *members, Loc loc);
Node *mixin(Parser *p, const Token *name, NodeList *tparams, Node *heritage,
            NodeList *members, Loc loc);
Node *type_alias(Parser *p, const Token *name, NodeList *tparams, Node *type,
                 bool distinct, Loc loc);
Node *declare_fn(Parser *p, Node *name, NodeList *tparams, NodeList *params,
                 Node *ret, bool is_async, Loc loc);
}

/* TOKENS-BEGIN */
%token END 0 "end of file"
%token <tok> IDENT "identifier"
%token <tok> NUMBER "number"
%token <tok> STRING "string"
%token <tok> TEMPLATE_FULL "template literal"
%token <tok> TEMPLATE_HEAD "template literal start"
%token <tok> TEMPLATE_MIDDLE "template continuation"
%token <tok> TEMPLATE_TAIL "end of template literal"

/* reserved words */
%token <tok> LET "'let'" VAR "'var'" CONST "'const'" IF "'if'" ELSE "'else'"
%token <tok> WHILE "'while'" FOR "'for'" IN "'in'" RETURN "'return'"
%token <tok> BREAK "'break'" CONTINUE "'continue'" CLASS "'class'"
%token <tok> INTERFACE "'interface'" ENUM "'enum'" IMPORT "'import'"
%token <tok> EXPORT "'export'" NEW "'new'" THIS "'this'" SUPER "'super'"
%token <tok> NULL "'null'" TRUE "'true'" FALSE "'false'" TRY "'try'"
%token <tok> CATCH "'catch'" FINALLY "'finally'" FUNCTION "'function'"
%token <tok> AWAIT "'await'"

/* contextual words: keywords in some places, identifiers everywhere else */
%token <tok> FROM "'from'" TYPE "'type'" AS "'as'" IS "'is'" ON "'on'"
%token <tok> ABSTRACT "'abstract'" DECLARE "'declare'" MIXIN "'mixin'"
%token <tok> OPERATOR "'operator'" STATIC "'static'" EXTENSION "'extension'"
%token <tok> DISTINCT "'distinct'" FINAL "'final'" EXTENDS "'extends'"
%token <tok> IMPLEMENTS "'implements'" WITH "'with'" CASE "'case'"
%token <tok> MATCH "'match'" THROW "'throw'" SEALED "'sealed'"
%token <tok> SYMBOL "'symbol'" GET "'get'" SET "'set'" ASYNC "'async'"
%token <tok> INLINE "'inline'"

/* multi-character punctuators (single characters are their own token) */
%token <tok> ARROW "'=>'" EQ "'=='" NE "'!='" EQ3 "'==='" NE3 "'!=='"
%token <tok> LE "'<='" GE "'>='" SHL "'<<'" GT_JOINED "'>'"
%token <tok> ANDAND "'&&'" OROR "'||'" NULLISH "'??'" PIPE_GT "'|>'"
%token <tok> DOTDOT "'..'" ELLIPSIS "'...'" QDOT "'?.'" QBRACKET "'?['"
%token <tok> QPAREN "'?('" DOTCOLON "'.:'"
%token <tok> PLUS_ASSIGN "'+='" MINUS_ASSIGN "'-='" STAR_ASSIGN "'*='"
%token <tok> SLASH_ASSIGN "'/='" PERCENT_ASSIGN "'%='" AMP_ASSIGN "'&='"
%token <tok> BAR_ASSIGN "'|='" CARET_ASSIGN "'^='" SHL_ASSIGN "'<<='"
%token <tok> SHR_ASSIGN "'>>='" USHR_ASSIGN "'>>>='" NULLISH_ASSIGN "'??='"
%token <tok> ANDAND_ASSIGN "'&&='" OROR_ASSIGN "'||='"

/* produced by classify_tokens() from context, never by the scanner */
%token <tok> ARROW_LPAREN "'('"   /* '(' opening an arrow function's parameters */
%token <tok> TYPEARGS_LT "'<'"    /* '<' opening type arguments in an expression */
%token <tok> BLOCK_LBRACE "'{'"   /* '{' opening a block, not a record or map */
%token <tok> IF_STMT "'if' statement"       /* 'if' starting an if statement */
%token <tok> '>' '<' ',' '?' ';'
/* TOKENS-END */

/* Precedence, lowest first. */
%precedence ARROW_BODY           /* arrow bodies, if branches: extend right */
%precedence ELSE_LESS
%precedence ELSE
%precedence THROW
%right '=' PLUS_ASSIGN MINUS_ASSIGN STAR_ASSIGN SLASH_ASSIGN PERCENT_ASSIGN
       AMP_ASSIGN BAR_ASSIGN CARET_ASSIGN SHL_ASSIGN SHR_ASSIGN USHR_ASSIGN
       NULLISH_ASSIGN ANDAND_ASSIGN OROR_ASSIGN
%left PIPE_GT
%left OROR NULLISH
%left ANDAND
%left '|'
%left '^'
%left '&'
%left EQ NE EQ3 NE3
%left '<' '>' LE GE AS IS
%nonassoc DOTDOT
%left SHL GT_JOINED
%left '+' '-'
%left '*' '/' '%'
%precedence UNARY AWAIT

%type <node> stmt decl var_decl binding binding_prop expr postfix primary
%type <node> block ident name member_name literal template arrow arrow_body
%type <node> param type type_atom type_ref union_type type_param cond
%type <node> if_stmt branch pattern pattern_atom pattern_prop match_case
%type <node> class_decl class_member field_rest interface_decl iface_member
%type <node> mixin_decl enum_decl enum_member type_alias declare_fn
%type <node> import_decl export_decl spec case_param decorator record_item
%type <node> map_entry catch_clause finally_clause param_prop for_init
%type <node> fn_type_param init_item try_expr match_expr new_expr operator_name
%type <node> opt_type opt_init qualified opt_expr accessor_body method_tail
%type <list> stmt_list block_body args arg_list params param_list type_list
%type <list> opt_type_args type_params tparam_list binding_props
%type <list> binding_list pattern_props pattern_list match_cases class_body
%type <list> class_members iface_members enum_members specs spec_list
%type <list> case_params case_param_list decorators array_items record_items
%type <list> map_entries param_props fn_type_params init_list
%type <list> expr_list template_spans
%type <node> heritage prop_sig declare_sig member_tail variant variants
%type <list> prop_sigs
%type <flags> accessor_sigs skipped
%type <mods> member_mods class_mods member_mod class_mod
%type <list> opt_tparams opt_case_params
%type <tok> decl_kind opt_comma opt_question assign_op type_close type_open

%expect 14

%%
/* module: stmt_list */
module
  : stmt_list                  { p->module = NEW(Module, @$); p->module->Module.body = $1;
                                 p->module->loc.start = 0; }
  ;

stmt_list
  : %empty                     { $$ = list_new(p->arena); }
  | stmt_list stmt             { $$ = $2 ? PUSH($1, $2) : $1; }
  ;

/* stmt: declaration | block | control flow | expr ';' */
stmt
  : decl
  | export_decl
  | import_decl
  | block
  | if_stmt
  | WHILE '(' cond ')' stmt    { $$ = NEW(WhileStatement, @$); $$->WhileStatement.test = $3;
                                 $$->WhileStatement.body = $5; }
  | FOR '(' for_init ';' opt_expr ';' opt_expr ')' stmt
                               { $$ = NEW(ForStatement, @$); $$->ForStatement.init = $3;
                                 $$->ForStatement.test = $5; $$->ForStatement.update = $7;
                                 $$->ForStatement.body = $9; }
  | FOR '(' decl_kind binding IN expr ')' stmt
                               { $$ = NEW(ForInStatement, @$); $$->ForInStatement.pattern = $4;
                                 $$->ForInStatement.iterable = $6; $$->ForInStatement.body = $8; }
  | RETURN opt_expr ';'        { $$ = NEW(ReturnStatement, @$); $$->ReturnStatement.argument = $2; }
  | BREAK ';'                  { $$ = NEW(BreakStatement, @$); }
  | CONTINUE ';'               { $$ = NEW(ContinueStatement, @$); }
  | expr ';'                   { $$ = NEW(ExpressionStatement, @$);
                                 $$->ExpressionStatement.expression = $1; }
  | error ';'                  { $$ = NULL; yyerrok; }
  ;

/* decl: var_decl ';' | class | interface | mixin | enum | type | declare | symbol */
decl
  : var_decl ';'               { $$ = $1; $$->loc = @$; }
  | class_decl
  | interface_decl
  | mixin_decl
  | enum_decl
  | type_alias
  | declare_fn
  | SYMBOL IDENT ';'           { $$ = NEW(SymbolDeclaration, @$);
                                 $$->SymbolDeclaration.name = ident_from(p, $2); }
  ;

/* export_decl: 'export' decl | 'export' '*' 'from' STRING | 'export' '{' specs '}' 'from' STRING */
export_decl
  : EXPORT decl                { $$ = mark_exported($2); }
  | decorators EXPORT declare_sig
                               { $$ = mark_exported($3); attach_decorators(p, $3, $1); }
  | EXPORT '*' FROM STRING ';' { $$ = NEW(ExportAllDeclaration, @$);
                                 $$->ExportAllDeclaration.moduleSpecifier = string_literal(p, $4); }
  | EXPORT '{' specs '}' FROM STRING ';'
                               { $$ = NEW(ExportFromDeclaration, @$);
                                 $$->ExportFromDeclaration.specifiers = $3;
                                 $$->ExportFromDeclaration.moduleSpecifier = string_literal(p, $6); }
  ;

/* import_decl: 'import' '{' specs '}' 'from' STRING ';' | 'from' STRING 'import' '{' specs '}' ';' */
import_decl
  : IMPORT '{' specs '}' FROM STRING ';'
                               { $$ = NEW(ImportDeclaration, @$);
                                 $$->ImportDeclaration.imports = $3;
                                 $$->ImportDeclaration.moduleSpecifier = string_literal(p, $6); }
  | FROM STRING IMPORT '{' specs '}' ';'
                               { $$ = NEW(ImportDeclaration, @$);
                                 $$->ImportDeclaration.imports = $5;
                                 $$->ImportDeclaration.moduleSpecifier = string_literal(p, $2); }
  ;

specs
  : %empty                     { $$ = list_new(p->arena); }
  | spec_list opt_comma
  ;

spec_list
  : spec                       { $$ = PUSH(NULL, $1); }
  | spec_list ',' spec         { $$ = PUSH($1, $3); }
  ;

/* spec: name ['as' name] */
spec
  : name                       { $$ = NEW(ImportSpecifier, @$); $$->ImportSpecifier.imported = $1;
                                 $$->ImportSpecifier.local = copy_ident(p, $1); }
  | name AS name               { $$ = NEW(ImportSpecifier, @$); $$->ImportSpecifier.imported = $1;
                                 $$->ImportSpecifier.local = $3; }
  ;

/* var_decl: ['async'] ('let'|'var'|'const') binding [':' type] '=' expr */
var_decl
  : decl_kind binding opt_type '=' expr
                               { $$ = var_decl(p, $1, $2, $3, $5, @$); }
  | ASYNC decl_kind binding opt_type '=' expr
                               { $$ = var_decl(p, $2, $3, $4, $6, @$);
                                 $$->VariableDeclaration.isAsync = true; }
  ;

decl_kind
  : LET | VAR | CONST
  ;

opt_type
  : %empty                     { $$ = NULL; }
  | ':' type                   { $$ = $2; }
  ;

/* binding: name | [qualified] '{' binding_props '}' | '(' binding_list ')' */
binding
  : name
  | qualified '{' binding_props '}'
                               { $$ = NEW(ClassPattern, @$); $$->ClassPattern.name = $1;
                                 $$->ClassPattern.properties = $3; }
  | '{' binding_props '}'      { $$ = NEW(RecordPattern, @$); $$->RecordPattern.properties = $2; }
  | '(' binding_list opt_comma ')'
                               { $$ = NEW(TuplePattern, @$); $$->TuplePattern.elements = $2; }
  ;

binding_props
  : binding_prop               { $$ = PUSH(NULL, $1); }
  | binding_props ',' binding_prop
                               { $$ = PUSH($1, $3); }
  | binding_props ','
  ;

/* binding_prop: name ['=' expr] | name ':' binding ['=' expr] | name 'as' name ['=' expr] */
binding_prop
  : name opt_init              { $$ = binding_prop(p, $1, with_default(p, copy_ident(p, $1), $2), @$); }
  | name ':' binding opt_init  { $$ = binding_prop(p, $1, with_default(p, $3, $4), @$); }
  | name AS name opt_init      { $$ = binding_prop(p, $1, with_default(p, $3, $4), @$); }
  ;

/* binding_list: binding { ',' {','} binding }   (`(a, , c)` skips an element) */
binding_list
  : binding                    { $$ = PUSH(NULL, $1); }
  | binding_list ',' binding   { $$ = PUSH($1, $3); }
  | binding_list ',' skipped binding
                               { $$ = PUSH(skip_elements(p, $1, $3, @3), $4); }
  ;

/* skipped: ',' {','}   the number of elements skipped */
skipped
  : ','                        { $$ = 1; }
  | skipped ','                { $$ = $1 + 1; }
  ;

/* for_init: [var_decl | expr] */
for_init
  : %empty                     { $$ = NULL; }
  | decl_kind binding opt_type '=' expr
                               { $$ = var_decl(p, $1, $2, $3, $5, @$); }
  | expr
  ;

opt_expr
  : %empty                     { $$ = NULL; }
  | expr
  ;

/* cond: expr | 'let' pattern '=' expr */
cond
  : expr
  | LET pattern '=' expr       { $$ = NEW(LetPatternCondition, @$);
                                 $$->LetPatternCondition.pattern = $2;
                                 $$->LetPatternCondition.init = $4; }
  ;

/* block: '{' stmt_list [expr] '}' */
block
  : BLOCK_LBRACE block_body '}'
                               { $$ = NEW(BlockStatement, @$); $$->BlockStatement.body = $2; }
  ;

block_body
  : stmt_list
  | stmt_list expr             { Node *s = NEW(ExpressionStatement, @2);
                                 s->ExpressionStatement.expression = $2; $$ = PUSH($1, s); }
  ;

/* if_stmt: 'if' '(' cond ')' stmt ['else' stmt] */
if_stmt
  : IF_STMT '(' cond ')' stmt %prec ELSE_LESS
                               { $$ = NEW(IfStatement, @$); $$->IfStatement.test = $3;
                                 $$->IfStatement.consequent = $5; }
  | IF_STMT '(' cond ')' stmt ELSE stmt
                               { $$ = NEW(IfStatement, @$); $$->IfStatement.test = $3;
                                 $$->IfStatement.consequent = $5;
                                 $$->IfStatement.alternate = $7; }
  ;

/* ---------------------------------------------------------------- */
/* expressions                                                       */
/* ---------------------------------------------------------------- */

/* expr: binary and unary operators over postfix expressions */
expr
  : postfix
  | arrow
  | expr '=' expr              { $$ = assignment(p, $1, NULL, $3, @$); }
  | expr assign_op expr %prec '='
                               { $$ = assignment(p, $1, op_text(p, $2), $3, @$); }
  | expr PIPE_GT expr          { $$ = NEW(PipelineExpression, @$);
                                 $$->PipelineExpression.left = $1;
                                 $$->PipelineExpression.right = $3; }
  | expr OROR expr             { $$ = binary(p, $1, "||", $3, @$); }
  | expr NULLISH expr          { $$ = binary(p, $1, "??", $3, @$); }
  | expr ANDAND expr           { $$ = binary(p, $1, "&&", $3, @$); }
  | expr '|' expr              { $$ = binary(p, $1, "|", $3, @$); }
  | expr '^' expr              { $$ = binary(p, $1, "^", $3, @$); }
  | expr '&' expr              { $$ = binary(p, $1, "&", $3, @$); }
  | expr EQ expr               { $$ = binary(p, $1, "==", $3, @$); }
  | expr NE expr               { $$ = binary(p, $1, "!=", $3, @$); }
  | expr EQ3 expr              { $$ = binary(p, $1, "===", $3, @$); }
  | expr NE3 expr              { $$ = binary(p, $1, "!==", $3, @$); }
  | expr '<' expr              { $$ = binary(p, $1, "<", $3, @$); }
  | expr '>' expr              { $$ = binary(p, $1, ">", $3, @$); }
  | expr LE expr               { $$ = binary(p, $1, "<=", $3, @$); }
  | expr GE expr               { $$ = binary(p, $1, ">=", $3, @$); }
  | expr AS type_atom          { $$ = NEW(AsExpression, @$); $$->AsExpression.expression = $1;
                                 $$->AsExpression.typeAnnotation = $3; }
  | expr IS type_atom          { $$ = NEW(IsExpression, @$); $$->IsExpression.expression = $1;
                                 $$->IsExpression.typeAnnotation = $3; }
  /* Open ranges `a..` and `..` conflict with `a..b` on every token that can
   * start an expression; shifting (a bounded range) is right: 2 of %expect. */
  | expr DOTDOT expr           { $$ = range(p, $1, $3, @$); }
  | expr DOTDOT                { $$ = range(p, $1, NULL, @$); }
  | DOTDOT expr                { $$ = range(p, NULL, $2, @$); }
  | DOTDOT                     { $$ = range(p, NULL, NULL, @$); }
  | expr SHL expr              { $$ = binary(p, $1, "<<", $3, @$); }
  | expr GT_JOINED '>' expr %prec SHL
                               { $$ = binary(p, $1, ">>", $4, @$); }
  | expr GT_JOINED GT_JOINED '>' expr %prec SHL
                               { $$ = binary(p, $1, ">>>", $5, @$); }
  | expr '+' expr              { $$ = binary(p, $1, "+", $3, @$); }
  | expr '-' expr              { $$ = binary(p, $1, "-", $3, @$); }
  | expr '*' expr              { $$ = binary(p, $1, "*", $3, @$); }
  | expr '/' expr              { $$ = binary(p, $1, "/", $3, @$); }
  | expr '%' expr              { $$ = binary(p, $1, "%", $3, @$); }
  | '-' expr %prec UNARY       { $$ = unary(p, "-", $2, @$); }
  | '!' expr %prec UNARY       { $$ = unary(p, "!", $2, @$); }
  | '~' expr %prec UNARY       { $$ = unary(p, "~", $2, @$); }
  | AWAIT expr                 { $$ = NEW(AwaitExpression, @$); $$->AwaitExpression.argument = $2; }
  | THROW expr                 { $$ = NEW(ThrowExpression, @$); $$->ThrowExpression.argument = $2; }
  | IF '(' cond ')' branch %prec ELSE_LESS
                               { $$ = if_expr(p, $3, $5, NULL, @$); }
  | IF '(' cond ')' branch ELSE branch
                               { $$ = if_expr(p, $3, $5, $7, @$); }
  ;

assign_op
  : PLUS_ASSIGN | MINUS_ASSIGN | STAR_ASSIGN | SLASH_ASSIGN | PERCENT_ASSIGN
  | AMP_ASSIGN | BAR_ASSIGN | CARET_ASSIGN | SHL_ASSIGN | SHR_ASSIGN
  | USHR_ASSIGN | NULLISH_ASSIGN | ANDAND_ASSIGN | OROR_ASSIGN
  ;

/* branch: block | expr   (an if expression's arms) */
branch
  : block
  | expr %prec ARROW_BODY
  ;

/* postfix: primary { '.' name | '?.' name | '[' expr ']' | '(' args ')' | template } */
postfix
  : primary
  | postfix '.' name           { $$ = member(p, $1, $3, false, @$); }
  | postfix '.' NUMBER         { $$ = member(p, $1, number_literal(p, $3), false, @$); }
  | postfix QDOT name          { $$ = member(p, $1, $3, true, @$); }
  | postfix DOTCOLON qualified { $$ = symbol_member(p, $1, $3, @$); }
  | postfix '[' expr ']'       { $$ = index_expr(p, $1, $3, false, @$); }
  | postfix QBRACKET expr ']'  { $$ = index_expr(p, $1, $3, true, @$); }
  | postfix '(' args ')'       { $$ = call(p, $1, NULL, $3, false, @$); }
  | postfix QPAREN args ')'    { $$ = call(p, $1, NULL, $3, true, @$); }
  | postfix TYPEARGS_LT type_list opt_comma type_close '(' args ')'
                               { $$ = call(p, $1, $3, $7, false, @$); }
  | postfix template           { $$ = NEW(TaggedTemplateExpression, @$);
                                 $$->TaggedTemplateExpression.tag = $1;
                                 $$->TaggedTemplateExpression.quasi = $2; }
  | postfix TYPEARGS_LT type_list opt_comma type_close template
                               { $$ = NEW(TaggedTemplateExpression, @$);
                                 $$->TaggedTemplateExpression.tag = $1;
                                 $$->TaggedTemplateExpression.typeArguments = $3;
                                 $$->TaggedTemplateExpression.quasi = $6; }
  ;

type_close
  : '>' | GT_JOINED
  ;

/* qualified: name { '.' name } */
qualified
  : name
  | qualified '.' name         { $$ = member(p, $1, $3, false, @$); }
  ;

args
  : %empty                     { $$ = list_new(p->arena); }
  | arg_list opt_comma
  ;

arg_list
  : expr                       { $$ = PUSH(NULL, $1); }
  | arg_list ',' expr          { $$ = PUSH($1, $3); }
  ;

opt_comma
  : %empty                     { $$ = &no_token; }
  | ','
  ;

/* primary: name | literal | '(' expr ')' | tuple | array | record | map | new | match | try */
primary
  : ident                      { $$ = placeholder_or_name(p, $1); }
  | literal
  | template
  | THIS                       { $$ = NEW(ThisExpression, @$); }
  | SUPER                      { $$ = NEW(SuperExpression, @$); }
  | '(' expr ')'               { $$ = $2; }
  | '(' expr ',' expr_list opt_comma ')'
                               { $$ = NEW(TupleLiteral, @$);
                                 $$->TupleLiteral.elements = list_prepend(p, $2, $4); }
  | '[' array_items ']'        { $$ = NEW(ArrayLiteral, @$); $$->ArrayLiteral.elements = $2; }
  | '{' '}'                    { $$ = NEW(RecordLiteral, @$);
                                 $$->RecordLiteral.properties = list_new(p->arena); }
  | '{' record_items opt_comma '}'
                               { $$ = NEW(RecordLiteral, @$); $$->RecordLiteral.properties = $2; }
  | '{' map_entries opt_comma '}'
                               { $$ = NEW(MapLiteral, @$); $$->MapLiteral.entries = $2; }
  | new_expr
  | match_expr
  | try_expr
  ;

expr_list
  : expr                       { $$ = PUSH(NULL, $1); }
  | expr_list ',' expr         { $$ = PUSH($1, $3); }
  ;

array_items
  : %empty                     { $$ = list_new(p->arena); }
  | expr_list opt_comma
  ;

/* record_item: name ':' expr | name | '...' expr */
record_items
  : record_item                { $$ = PUSH(NULL, $1); }
  | record_items ',' record_item
                               { $$ = PUSH($1, $3); }
  ;

record_item
  : name ':' expr              { $$ = NEW(PropertyAssignment, @$); $$->PropertyAssignment.name = $1;
                                 $$->PropertyAssignment.value = $3; }
  | name                       { $$ = NEW(PropertyAssignment, @$); $$->PropertyAssignment.name = $1;
                                 $$->PropertyAssignment.value = copy_ident(p, $1); }
  | ELLIPSIS expr              { $$ = NEW(SpreadElement, @$); $$->SpreadElement.argument = $2; }
  ;

/* map_entry: expr '=>' expr */
map_entries
  : map_entry                  { $$ = PUSH(NULL, $1); }
  | map_entries ',' map_entry  { $$ = PUSH($1, $3); }
  ;

map_entry
  : expr ARROW expr            { $$ = NEW(MapEntry, @$); $$->MapEntry.key = $1;
                                 $$->MapEntry.value = $3; }
  ;

/* new_expr: 'new' qualified [type_args] '(' args ')' */
new_expr
  : NEW qualified opt_type_args '(' args ')'
                               { $$ = NEW(NewExpression, @$); $$->NewExpression.callee = $2;
                                 $$->NewExpression.typeArguments = $3;
                                 $$->NewExpression.arguments = $5; }
  ;

opt_type_args
  : %empty                     { $$ = NULL; }
  | TYPEARGS_LT type_list opt_comma type_close
                               { $$ = $2; }
  ;

/* match_expr: 'match' '(' expr ')' '{' match_case+ '}' */
match_expr
  : MATCH '(' expr ')' BLOCK_LBRACE match_cases '}'
                               { $$ = NEW(MatchExpression, @$);
                                 $$->MatchExpression.discriminant = $3;
                                 $$->MatchExpression.cases = $6; }
  ;

match_cases
  : match_case                 { $$ = PUSH(NULL, $1); }
  | match_cases match_case     { $$ = PUSH($1, $2); }
  | match_cases ',' match_case { $$ = PUSH($1, $3); }
  ;

/* match_case: 'case' pattern ['if' expr] ':' (block | expr) */
match_case
  : CASE pattern ':' branch    { $$ = match_case(p, $2, NULL, $4, @$); }
  | CASE pattern IF expr ':' branch
                               { $$ = match_case(p, $2, $4, $6, @$); }
  ;

/* try_expr: 'try' block ['catch' ['(' name ')'] block] ['finally' block] */
try_expr
  : TRY block catch_clause finally_clause
                               { $$ = NEW(TryExpression, @$); $$->TryExpression.body = $2;
                                 $$->TryExpression.handler = $3;
                                 $$->TryExpression.finalizer = $4; }
  ;

catch_clause
  : %empty                     { $$ = NULL; }
  | CATCH '(' name ')' block   { $$ = NEW(CatchClause, @$); $$->CatchClause.param = $3;
                                 $$->CatchClause.body = $5; }
  | CATCH block                { $$ = NEW(CatchClause, @$); $$->CatchClause.body = $2; }
  ;

finally_clause
  : %empty                     { $$ = NULL; }
  | FINALLY block              { $$ = $2; }
  ;

literal
  : NUMBER                     { $$ = number_literal(p, $1); }
  | STRING                     { $$ = string_literal(p, $1); }
  | TRUE                       { $$ = bool_literal(p, true, @$); }
  | FALSE                      { $$ = bool_literal(p, false, @$); }
  | NULL                       { $$ = NEW(NullLiteral, @$); }
  ;

/* template: '`' { text '${' expr '}' } text '`' */
template
  : TEMPLATE_FULL              { $$ = template_start(p, $1, true, @$); }
  | TEMPLATE_HEAD template_spans TEMPLATE_TAIL
                               { $$ = template_start(p, $1, false, @$);
                                 template_finish(p, $$, $2, $3); }
  ;

/* Alternating expressions and middle parts, in order. */
template_spans
  : expr                       { $$ = PUSH(NULL, $1); }
  | template_spans TEMPLATE_MIDDLE expr
                               { $$ = PUSH(PUSH($1, template_element(p, $2, false)), $3); }
  ;

/* arrow: ['async'] ['<' type_params '>'] '(' params ')' [':' type] '=>' (block | expr) */
arrow
  : ARROW_LPAREN params ')' opt_type ARROW arrow_body
                               { $$ = arrow(p, NULL, $2, $4, $6, @$); }
  | '<' tparam_list opt_comma type_close ARROW_LPAREN params ')' opt_type ARROW arrow_body
                               { $$ = arrow(p, $2, $6, $8, $10, @$); }
  | ASYNC ARROW_LPAREN params ')' opt_type ARROW arrow_body
                               { $$ = arrow(p, NULL, $3, $5, $7, @$);
                                 $$->FunctionExpression.isAsync = true; }
  | ASYNC '<' tparam_list opt_comma type_close ARROW_LPAREN params ')' opt_type ARROW arrow_body
                               { $$ = arrow(p, $3, $7, $9, $11, @$);
                                 $$->FunctionExpression.isAsync = true; }
  ;

arrow_body
  : block
  | expr %prec ARROW_BODY
  ;

/* ---------------------------------------------------------------- */
/* parameters                                                        */
/* ---------------------------------------------------------------- */

params
  : %empty                     { $$ = list_new(p->arena); p->destructured = 0; }
  | param_list opt_comma       { p->destructured = 0; }
  ;

param_list
  : param                      { $$ = PUSH(NULL, $1); }
  | param_list ',' param       { $$ = PUSH($1, $3); }
  ;

/* param: name ['?'] [':' type] ['=' expr] | 'this' '.' name [':' type]
 *      | '{' param_props '}' [':' type] ['=' expr] | '(' binding_list ')' ':' type */
param
  : name opt_question opt_type opt_init
                               { $$ = parameter(p, $1, NULL, $3, $4, @$);
                                 $$->Parameter.optional = $2->kind || $4; }
  | THIS '.' name opt_type     { $$ = parameter(p, $3, NULL, $4, NULL, @$);
                                 $$->Parameter.isThisParam = true; }
  | '{' param_props opt_comma '}' opt_type opt_init
                               { $$ = record_param(p, $2, $5, $6, @$); }
  | '(' binding_list opt_comma ')' opt_type opt_init
                               { Node *pat = NEW(TuplePattern, @2); pat->TuplePattern.elements = $2;
                                 $$ = parameter(p, destruct_name(p, @$), pat, $5, $6, @$); }
  ;

opt_question
  : %empty                     { $$ = &no_token; }
  | '?'
  ;

opt_init
  : %empty                     { $$ = NULL; }
  | '=' expr                   { $$ = $2; }
  ;

param_props
  : param_prop                 { $$ = PUSH(NULL, $1); }
  | param_props ',' param_prop { $$ = PUSH($1, $3); }
  ;

/* param_prop: name ['as' name] [':' type] ['=' expr] -- a BindingProperty whose type
 * (if any) is parked in ->type until record_param() collects it. */
param_prop
  : name opt_type opt_init     { $$ = binding_prop(p, $1, with_default(p, copy_ident(p, $1), $3), @$);
                                 $$->type = (Type *)$2; }
  | name AS name opt_type opt_init
                               { $$ = binding_prop(p, $1, with_default(p, $3, $5), @$);
                                 $$->type = (Type *)$4; }
  ;

/* ---------------------------------------------------------------- */
/* types                                                             */
/* ---------------------------------------------------------------- */

/* type: type_atom { '|' type_atom } */
type
  : union_type
  ;

union_type
  : type_atom
  | union_type '|' type_atom   { $$ = union_add(p, $1, $3); }
  ;

/* type_atom: type_ref | literal | 'this' | record | tuple | 'inline' tuple | function type */
type_atom
  : type_ref
  | NULL                       { $$ = named_type(p, "null", @$); }
  | THIS                       { $$ = NEW(ThisTypeAnnotation, @$); }
  | TRUE                       { $$ = literal_type(p, bool_literal(p, true, @$)); }
  | FALSE                      { $$ = literal_type(p, bool_literal(p, false, @$)); }
  | NUMBER                     { $$ = literal_type(p, number_literal(p, $1)); }
  | STRING                     { $$ = literal_type(p, string_literal(p, $1)); }
  | '{' prop_sigs opt_comma '}'
                               { $$ = NEW(RecordTypeAnnotation, @$);
                                 $$->RecordTypeAnnotation.properties = $2; }
  | '(' type_list opt_comma ')'
                               { $$ = tuple_type(p, ND_TupleTypeAnnotation, $2, $3->kind, @$); }
  | INLINE '(' type_list opt_comma ')'
                               { $$ = tuple_type(p, ND_InlineTupleTypeAnnotation, $3, 1, @$); }
  | ARROW_LPAREN fn_type_params ')' ARROW type
                               { $$ = function_type(p, $2, $5, @$); }
  ;

/* type_ref: name { '.' name } ['<' type_list '>'] */
type_ref
  : qualified                  { $$ = named_type(p, qualified_text(p, $1), @$); }
  | qualified type_open type_list opt_comma type_close
                               { $$ = named_type(p, qualified_text(p, $1), @$);
                                 $$->TypeAnnotation.typeArguments = $3; }
  ;

type_open
  : '<' | TYPEARGS_LT
  ;

/* Record type members are separated by ',' or ';'. */
prop_sigs
  : prop_sig                   { $$ = PUSH(NULL, $1); }
  | prop_sigs ',' prop_sig     { $$ = PUSH($1, $3); }
  | prop_sigs ';' prop_sig     { $$ = PUSH($1, $3); }
  | prop_sigs ';'
  ;

/* prop_sig: name ['?'] ':' type */
prop_sig
  : name opt_question ':' type { $$ = NEW(PropertySignature, @$); $$->PropertySignature.name = $1;
                                 $$->PropertySignature.typeAnnotation = $4;
                                 $$->PropertySignature.optional = $2->kind != 0; }
  ;

type_list
  : type                       { $$ = PUSH(NULL, $1); }
  | type_list ',' type         { $$ = PUSH($1, $3); }
  ;

fn_type_params
  : %empty                     { $$ = list_new(p->arena); }
  | fn_type_param              { $$ = PUSH(NULL, $1); }
  | fn_type_params ',' fn_type_param
                               { $$ = PUSH($1, $3); }
  | fn_type_params ','
  ;

/* fn_type_param: [name ':'] type -- a Parameter node until function_type() */
fn_type_param
  : name ':' type              { $$ = parameter(p, $1, NULL, $3, NULL, @$); }
  ;

/* type_params: '<' type_param {',' type_param} '>' */
type_params
  : type_open tparam_list opt_comma type_close
                               { $$ = $2; }
  ;

tparam_list
  : type_param                 { $$ = PUSH(NULL, $1); }
  | tparam_list ',' type_param { $$ = PUSH($1, $3); }
  ;

/* type_param: name ['extends' type] ['=' type] */
type_param
  : IDENT                      { $$ = type_param(p, $1, NULL, NULL, @$); }
  | IDENT EXTENDS type         { $$ = type_param(p, $1, $3, NULL, @$); }
  | IDENT '=' type             { $$ = type_param(p, $1, NULL, $3, @$); }
  | IDENT EXTENDS type '=' type
                               { $$ = type_param(p, $1, $3, $5, @$); }
  ;

/* ---------------------------------------------------------------- */
/* patterns (match cases and let conditions)                         */
/* ---------------------------------------------------------------- */

/* pattern: pattern_atom | pattern '|' pattern | pattern '&' pattern | pattern 'as' name */
pattern
  : pattern_atom
  | pattern '|' pattern        { $$ = logical_pattern(p, "||", $1, $3, @$); }
  | pattern '&' pattern        { $$ = logical_pattern(p, "&&", $1, $3, @$); }
  | pattern AS name            { $$ = NEW(AsPattern, @$); $$->AsPattern.pattern = $1;
                                 $$->AsPattern.name = $3; }
  ;

/* pattern_atom: literal | name | qualified | name '{' props '}' | '{' props '}' | '(' patterns ')' */
pattern_atom
  : literal
  | '-' NUMBER                 { $$ = unary(p, "-", number_literal(p, $2), @$); }
  | qualified
  | qualified '{' pattern_props opt_comma '}'
                               { $$ = NEW(ClassPattern, @$); $$->ClassPattern.name = $1;
                                 $$->ClassPattern.properties = $3; }
  | qualified '{' '}'          { $$ = NEW(ClassPattern, @$); $$->ClassPattern.name = $1;
                                 $$->ClassPattern.properties = list_new(p->arena); }
  | '{' pattern_props opt_comma '}'
                               { $$ = NEW(RecordPattern, @$); $$->RecordPattern.properties = $2; }
  | '(' pattern_list opt_comma ')'
                               { $$ = NEW(TuplePattern, @$); $$->TuplePattern.elements = $2; }
  ;

pattern_props
  : pattern_prop               { $$ = PUSH(NULL, $1); }
  | pattern_props ',' pattern_prop
                               { $$ = PUSH($1, $3); }
  ;

/* pattern_prop: name [':' pattern] | name 'as' name */
pattern_prop
  : name                       { $$ = binding_prop(p, $1, copy_ident(p, $1), @$); }
  | name ':' pattern           { $$ = binding_prop(p, $1, $3, @$); }
  | name AS name               { $$ = binding_prop(p, $1, $3, @$); }
  ;

pattern_list
  : pattern                    { $$ = PUSH(NULL, $1); }
  | pattern_list ',' pattern   { $$ = PUSH($1, $3); }
  ;

/* ---------------------------------------------------------------- */
/* classes                                                           */
/* ---------------------------------------------------------------- */

/* class_decl: [mods] 'class' IDENT [type_params] ['(' case_params ')']
 *             ['extends' type] ['with' types] ['implements' types] ['on' type]
 *             ['{' class_members '}'] */
class_decl
  : class_mods CLASS IDENT opt_tparams opt_case_params heritage class_body
                               { $$ = class_decl(p, $1, $3, $4, $5, $6, $7, @$); }
  | CLASS IDENT opt_tparams opt_case_params heritage class_body
                               { $$ = class_decl(p, NULL, $2, $3, $4, $5, $6, @$); }
  ;

opt_tparams
  : %empty                     { $$ = NULL; }
  | type_params                { $$ = $1; }
  ;

opt_case_params
  : %empty                     { $$ = NULL; }
  | '(' case_params ')'        { $$ = $2; }
  | ARROW_LPAREN case_params ')'
                               { $$ = $2; }
  ;

class_mods
  : class_mod                  { $$ = $1; }
  | class_mods class_mod       { $$ = merge_mods(p, $1, $2); }
  ;

class_mod
  : ABSTRACT                   { $$ = MODS(.is_abstract = true); }
  | FINAL                      { $$ = MODS(.is_final = true); }
  | SEALED                     { $$ = MODS(.is_sealed = true); }
  | EXTENSION                  { $$ = MODS(.is_extension = true); }
  ;

/* The clauses after the name, collected into a fresh ClassDeclaration. */
heritage
  : %empty                     { $$ = NEW(ClassDeclaration, @$); }
  | heritage EXTENDS type_ref  { $$ = $1; $$->ClassDeclaration.superClass = $3; }
  | heritage WITH type_list    { $$ = $1; $$->ClassDeclaration.mixins = $3; }
  | heritage IMPLEMENTS type_list
                               { $$ = $1; $$->ClassDeclaration.implements = $3; }
  | heritage ON type           { $$ = $1; $$->ClassDeclaration.onType = $3; }
  ;

class_body
  : %empty                     { $$ = NULL; }
  | '{' class_members '}'      { $$ = $2; }
  ;

case_params
  : %empty                     { $$ = list_new(p->arena); }
  | case_param_list opt_comma
  ;

case_param_list
  : case_param                 { $$ = PUSH(NULL, $1); }
  | case_param_list ',' case_param
                               { $$ = PUSH($1, $3); }
  ;

/* case_param: ['let'|'var'] name ['?'] ':' type ['=' expr] */
case_param
  : name opt_question ':' type opt_init
                               { $$ = case_param(p, NULL, $1, $2->kind, $4, $5, @$); }
  | LET name opt_question ':' type opt_init
                               { $$ = case_param(p, "let", $2, $3->kind, $5, $6, @$); }
  | VAR name opt_question ':' type opt_init
                               { $$ = case_param(p, "var", $2, $3->kind, $5, $6, @$); }
  ;

class_members
  : %empty                     { $$ = list_new(p->arena); }
  | class_members class_member { $$ = $2 ? PUSH($1, $2) : $1; }
  ;

/* class_member: [decorators] [mods] (field | method | accessor | constructor | operator)
 *             | 'case' IDENT ['(' case_params ')'] | 'static' 'symbol' IDENT ';' */
class_member
  : field_rest                 { $$ = $1; }
  | member_mods name member_tail
                               { $$ = apply_mods(p, named_member($3, $2, @$), $1); }
  | member_mods NEW '(' params ')' method_tail
                               { $$ = apply_mods(p, method(p, node_ident(p->arena, "<constructor>", @2),
                                                           NULL, $4, NULL, $6, @$), $1); }
  | member_mods OPERATOR operator_name '(' params ')' opt_type method_tail
                               { $$ = apply_mods(p, method(p, $3, NULL, $5, $7, $8, @$), $1); }
  | CASE variants              { $$ = $2; }
  | STATIC SYMBOL IDENT ';'    { $$ = static_symbol(p, $3, @$); }
  | error ';'                  { $$ = NULL; yyerrok; }
  ;

/* variants: variant {',' variant} -- chained through ->type until class_decl() */
variants
  : variant
  | variants ',' variant       { $$ = $3; $$->type = (Type *)$1; }
  ;

/* variant: IDENT ['(' case_params ')'] */
variant
  : IDENT                      { $$ = variant(p, $1, NULL, @$); }
  | IDENT '(' case_params ')'  { $$ = variant(p, $1, $3, @$); }
  ;

member_mods
  : member_mod                 { $$ = $1; }
  | member_mods member_mod     { $$ = merge_mods(p, $1, $2); }
  ;

member_mod
  : STATIC                     { $$ = MODS(.is_static = true); }
  | ABSTRACT                   { $$ = MODS(.is_abstract = true); }
  | FINAL                      { $$ = MODS(.is_final = true); }
  | DECLARE                    { $$ = MODS(.is_declare = true); }
  | ASYNC                      { $$ = MODS(.is_async = true); }
  | LET                        { $$ = MODS(.mutability = "let"); }
  | VAR                        { $$ = MODS(.mutability = "var"); }
  | decorator                  { $$ = MODS(.decorators = PUSH(NULL, $1)); }
  ;

/* field_rest: member_name member_tail
 *           | 'new' '(' params ')' [':' init_list] method_tail
 *           | 'operator' op '(' params ')' [':' type] method_tail */
field_rest
  : member_name member_tail    { $$ = named_member($2, $1, @$); }
  | NEW '(' params ')' method_tail
                               { $$ = method(p, node_ident(p->arena, "<constructor>", @1),
                                             NULL, $3, NULL, $5, @$); }
  | NEW '(' params ')' ':' init_list method_tail
                               { $$ = method(p, node_ident(p->arena, "<constructor>", @1),
                                             NULL, $3, NULL, $7, @$);
                                 split_initializers(p, $$, $6); }
  | OPERATOR operator_name '(' params ')' opt_type method_tail
                               { $$ = method(p, $2, NULL, $4, $6, $7, @$); }
  ;

/* member_tail: ['?'] [':' type] ['=' expr] ';'            (field)
 *            | ['?'] ':' type '{' accessor_body '}'         (accessor)
 *            | [type_params] '(' params ')' [':' type] method_tail (method)
 * The member's name is filled in by named_member(). */
member_tail
  : opt_question opt_type opt_init ';'
                               { $$ = field(p, NULL, $1->kind, $2, $3, @$); }
  | opt_question ':' type '{' accessor_body '}'
                               { $$ = $5; $$->AccessorDeclaration.typeAnnotation = $3; }
  | opt_tparams '(' params ')' opt_type method_tail
                               { $$ = method(p, NULL, $1, $3, $5, $6, @$); }
  ;

operator_name
  : EQ                         { $$ = node_ident(p->arena, "==", @$); }
  | NE                         { $$ = node_ident(p->arena, "!=", @$); }
  | '+'                        { $$ = node_ident(p->arena, "+", @$); }
  | '-'                        { $$ = node_ident(p->arena, "-", @$); }
  | '*'                        { $$ = node_ident(p->arena, "*", @$); }
  | '/'                        { $$ = node_ident(p->arena, "/", @$); }
  | '%'                        { $$ = node_ident(p->arena, "%", @$); }
  | '<'                        { $$ = node_ident(p->arena, "<", @$); }
  | '>'                        { $$ = node_ident(p->arena, ">", @$); }
  | LE                         { $$ = node_ident(p->arena, "<=", @$); }
  | GE                         { $$ = node_ident(p->arena, ">=", @$); }
  | '[' ']'                    { $$ = node_ident(p->arena, "[]", @$); }
  | '[' ']' '='                { $$ = node_ident(p->arena, "[]=", @$); }
  ;

/* method_tail: block | ';' */
method_tail
  : block
  | ';'                        { $$ = NULL; }
  ;

init_list
  : init_item                  { $$ = PUSH(NULL, $1); }
  | init_list ',' init_item    { $$ = PUSH($1, $3); }
  | init_list ','
  ;

/* init_item: name '=' expr | 'super' '(' args ')' */
init_item
  : name '=' expr              { $$ = NEW(FieldInitializer, @$); $$->FieldInitializer.field = $1;
                                 $$->FieldInitializer.value = $3; }
  | SUPER '(' args ')'         { $$ = NEW(SuperInitializer, @$);
                                 $$->SuperInitializer.arguments = $3; }
  ;

/* accessor_body: ['get' (block | ';')] ['set' '(' name ')' (block | ';')] */
accessor_body
  : %empty                     { $$ = NEW(AccessorDeclaration, @$); }
  | accessor_body GET block    { $$ = $1; $$->AccessorDeclaration.getter = $3; }
  | accessor_body GET ';'      { $$ = $1; }
  | accessor_body SET '(' name ')' block
                               { $$ = $1; $$->AccessorDeclaration.setterParam = $4;
                                 $$->AccessorDeclaration.setterBody = $6; }
  | accessor_body SET ';'      { $$ = $1; }
  ;

/* member_name: name | ':' name (a symbol) | STRING */
member_name
  : name
  | ':' qualified              { $$ = NEW(SymbolPropertyName, @$);
                                 $$->SymbolPropertyName.symbol = $2; }
  ;

decorators
  : decorator                  { $$ = PUSH(NULL, $1); }
  | decorators decorator       { $$ = PUSH($1, $2); }
  ;

/* decorator: '@' name ['(' args ')'] */
decorator
  : '@' name                   { $$ = decorator(p, $2, list_new(p->arena), @$); }
  | '@' name '(' args ')'      { $$ = decorator(p, $2, $4, @$); }
  ;

/* ---------------------------------------------------------------- */
/* interfaces, mixins, enums, aliases, declarations                  */
/* ---------------------------------------------------------------- */

/* interface_decl: 'interface' IDENT [type_params] ['extends' types] '{' iface_member* '}' */
interface_decl
  : INTERFACE IDENT opt_tparams '{' iface_members '}'
                               { $$ = interface(p, $2, $3, NULL, $5, @$); }
  | INTERFACE IDENT opt_tparams EXTENDS type_list '{' iface_members '}'
                               { $$ = interface(p, $2, $3, $5, $7, @$); }
  ;

iface_members
  : %empty                     { $$ = list_new(p->arena); }
  | iface_members iface_member { $$ = $2 ? PUSH($1, $2) : $1; }
  ;

/* iface_member: member_name ['?'] ':' type ';' (a FieldDefinition, as upstream) | member_name ':' type '{' get; set; '}'
 *             | member_name [type_params] '(' params ')' [':' type] ';' */
iface_member
  : member_name opt_question ':' type ';'
                               { $$ = field(p, $1, $2->kind, $4, NULL, @$); }
  | member_name opt_question ':' type '{' accessor_sigs '}'
                               { $$ = NEW(AccessorSignature, @$); $$->AccessorSignature.name = $1;
                                 $$->AccessorSignature.typeAnnotation = $4;
                                 $$->AccessorSignature.hasGetter = $6 & 1;
                                 $$->AccessorSignature.hasSetter = ($6 & 2) != 0; }
  | LET member_name opt_question ':' type ';'
                               { $$ = field(p, $2, $3->kind, $5, NULL, @$);
                                 $$->FieldDefinition.mutability = "let"; }
  | STATIC SYMBOL IDENT ';'    { $$ = static_symbol(p, $3, @$); }
  | VAR member_name opt_question ':' type ';'
                               { $$ = field(p, $2, $3->kind, $5, NULL, @$);
                                 $$->FieldDefinition.mutability = "var"; }
  | member_name opt_tparams '(' params ')' opt_type ';'
                               { $$ = NEW(MethodSignature, @$); $$->MethodSignature.name = $1;
                                 $$->MethodSignature.typeParameters = $2;
                                 $$->MethodSignature.params = $4;
                                 $$->MethodSignature.returnType = $6; }
  | error ';'                  { $$ = NULL; yyerrok; }
  ;

/* accessor_sigs: {'get' ';' | 'set' ';'} -- bit 1: getter, bit 2: setter */
accessor_sigs
  : %empty                     { $$ = 0; }
  | accessor_sigs GET ';'      { $$ = $1 | 1; }
  | accessor_sigs SET ';'      { $$ = $1 | 2; }
  ;

/* mixin_decl: 'mixin' IDENT [type_params] ['on' type] ['with' types] '{' class_member* '}' */
mixin_decl
  : MIXIN IDENT opt_tparams heritage '{' class_members '}'
                               { $$ = mixin(p, $2, $3, $4, $6, @$); }
  ;

/* enum_decl: 'enum' IDENT '{' enum_member {',' enum_member} [','] '}' */
enum_decl
  : ENUM IDENT '{' enum_members opt_comma '}'
                               { $$ = NEW(EnumDeclaration, @$);
                                 $$->EnumDeclaration.name = ident_from(p, $2);
                                 $$->EnumDeclaration.members = $4; }
  | ENUM IDENT '{' '}'         { $$ = NEW(EnumDeclaration, @$);
                                 $$->EnumDeclaration.name = ident_from(p, $2);
                                 $$->EnumDeclaration.members = list_new(p->arena); }
  ;

enum_members
  : enum_member                { $$ = PUSH(NULL, $1); }
  | enum_members ',' enum_member
                               { $$ = PUSH($1, $3); }
  ;

enum_member
  : name                       { $$ = NEW(EnumMember, @$); $$->EnumMember.name = $1; }
  | name '=' expr              { $$ = NEW(EnumMember, @$); $$->EnumMember.name = $1;
                                 $$->EnumMember.initializer = $3; }
  ;

/* type_alias: ['distinct'] 'type' IDENT [type_params] '=' type ';' */
type_alias
  : TYPE IDENT opt_tparams '=' type ';'
                               { $$ = type_alias(p, $2, $3, $5, false, @$); }
  | DISTINCT TYPE IDENT opt_tparams '=' type ';'
                               { $$ = type_alias(p, $3, $4, $6, true, @$); }
  ;

/* declare_fn: [decorators] 'declare' ['async'] 'function' name [type_params]
 *             '(' params ')' [':' type] ';' */
declare_fn
  : declare_sig
  | decorators declare_sig     { $$ = $2; attach_decorators(p, $2, $1); $$->loc = @$; }
  ;

declare_sig
  : DECLARE FUNCTION name opt_tparams '(' params ')' opt_type ';'
                               { $$ = declare_fn(p, $3, $4, $6, $8, false, @$); }
  | DECLARE ASYNC FUNCTION name opt_tparams '(' params ')' opt_type ';'
                               { $$ = declare_fn(p, $4, $5, $7, $9, true, @$); }
  ;

/* ---------------------------------------------------------------- */
/* names                                                             */
/* ---------------------------------------------------------------- */

/* ident: a name usable as an expression */
ident
  : IDENT                      { $$ = ident_from(p, $1); }
  | FROM       { $$ = ident_from(p, $1); } | TYPE      { $$ = ident_from(p, $1); }
  | AS         { $$ = ident_from(p, $1); } | IS        { $$ = ident_from(p, $1); }
  | DECLARE    { $$ = ident_from(p, $1); }
  | MIXIN      { $$ = ident_from(p, $1); } | OPERATOR  { $$ = ident_from(p, $1); }
  | STATIC     { $$ = ident_from(p, $1); } | DISTINCT  { $$ = ident_from(p, $1); }
  | SYMBOL     { $$ = ident_from(p, $1); }
  | GET        { $$ = ident_from(p, $1); } | SET       { $$ = ident_from(p, $1); }
  ;

/* name: any identifier, contextual words included (bindings, members) */
name
  : ident
  | ABSTRACT   { $$ = ident_from(p, $1); } | FINAL     { $$ = ident_from(p, $1); }
  | SEALED     { $$ = ident_from(p, $1); } | EXTENSION { $$ = ident_from(p, $1); }
  | CASE       { $$ = ident_from(p, $1); } | MATCH     { $$ = ident_from(p, $1); }
  | THROW      { $$ = ident_from(p, $1); } | ASYNC     { $$ = ident_from(p, $1); }
  | EXTENDS    { $$ = ident_from(p, $1); } | IMPLEMENTS { $$ = ident_from(p, $1); }
  | WITH       { $$ = ident_from(p, $1); } | ON        { $$ = ident_from(p, $1); }
  ;

%%

static int yylex(YYSTYPE *lval, Loc *lloc, Parser *p) {
  const Token *t = &p->toks[p->pos];
  p->at_semi = p->semi_next;
  if (p->semi_next) { /* the ';' classify_tokens inserted after the last token */
    p->semi = inserted_semicolon(&p->toks[p->pos - 1]);
    p->semi_next = false;
    t = &p->semi;
  } else {
    if (t->kind != TOK_END)
      p->pos++;
    p->semi_next = t->semicolon_after;
  }
  lval->tok = t;
  *lloc = t->loc;
  return t->kind;
}

/* Describes the token the parser stopped at, e.g. "'let'" or "end of file". */
static const char *describe(Parser *p, const Token *t) {
  switch (t->kind) {
  case TOK_END: return "end of file";
  case TOK_IDENT: return arena_printf(p->arena, "identifier '%s'", t->text);
  case TOK_NUMBER: return arena_printf(p->arena, "number %s", t->text);
  case TOK_STRING: return "string";
  case TOK_TEMPLATE_FULL: case TOK_TEMPLATE_HEAD: case TOK_TEMPLATE_MIDDLE:
  case TOK_TEMPLATE_TAIL:
    return "template literal";
  default:
    return t->text && *t->text && strlen(t->text) < 20
               ? arena_printf(p->arena, "'%s'", t->text)
               : token_kind_name(t->kind);
  }
}

/* The innermost bracket still open before token index `upto`, or NULL. */
static const Token *open_bracket(const Parser *p, size_t upto) {
  const Token *stack[256];
  size_t depth = 0, lost = 0;
  for (size_t i = 0; i < upto; i++) {
    int k = p->toks[i].kind;
    if (k == '(' || k == '[' || k == '{' || k == TOK_ARROW_LPAREN ||
        k == TOK_BLOCK_LBRACE || k == TOK_QPAREN || k == TOK_QBRACKET) {
      if (depth < 256)
        stack[depth] = &p->toks[i];
      else
        lost++;
      depth++;
    } else if ((k == ')' || k == ']' || k == '}') && depth > 0) {
      depth--;
      if (lost)
        lost--;
    }
  }
  return depth > 0 && depth <= 256 ? stack[depth - 1] : NULL;
}

static int closer_of(int open) {
  switch (open) {
  case '(': case TOK_ARROW_LPAREN: case TOK_QPAREN: return ')';
  case '[': case TOK_QBRACKET: return ']';
  default: return '}';
  }
}

/* Turns bison's "unexpected X, expecting A or B or ..." into the message a
 * person needs: the missing ';' or closing bracket, the kind of thing that
 * was expected, or the token that makes no sense here. */
static int yyreport_syntax_error(const yypcontext_t *ctx, Parser *p) {
  if (p->diag->errors >= p->diag->max_errors) { /* not printed: skip the work */
    p->diag->errors++;
    return 0;
  }
  yysymbol_kind_t expected[YYNTOKENS];
  int n = yypcontext_expected_tokens(ctx, expected, YYNTOKENS);
  bool want[YYNTOKENS] = {false};
  for (int i = 0; i < n; i++)
    want[expected[i]] = true;

  /* the token it stopped at (an inserted ';' follows toks[pos - 1]), and
   * the tokens before it, toks[0, at) */
  bool eof = yypcontext_token(ctx) == YYSYMBOL_YYEOF;
  size_t at = p->at_semi || eof || p->pos == 0 || p->toks[p->pos - 1].kind == TOK_END
                  ? p->pos : p->pos - 1;
  const Token *tok = p->at_semi && !eof ? &p->semi : &p->toks[at];
  const char *found = describe(p, tok);
  Loc loc = *yypcontext_location(ctx);
  if (tok->kind == TOK_END && at > 0) {
    /* point just past the last token rather than at an empty last line */
    Loc last = p->toks[at - 1].loc;
    loc.start = loc.end = last.end;
    loc.file = last.file;
  }
  const Token *open = open_bracket(p, at);

  if (want[YYTRANSLATE(';')]) {
    diag_error(p->diag, loc, "Expected ';' but found %s", found);
  } else if (open && want[YYTRANSLATE(closer_of(open->kind))]) {
    LineCol at_open = source_position(p->src, open->loc.start);
    diag_error(p->diag, loc, "Expected '%c' to close '%s' at %d:%d, found %s",
               closer_of(open->kind), open->text, at_open.line, at_open.column, found);
  } else if (want[YYSYMBOL_IDENT] && !want[YYSYMBOL_NUMBER]) {
    bool pattern = want[YYTRANSLATE('{')] && want[YYTRANSLATE('(')];
    diag_error(p->diag, loc, "Expected %s but found %s",
               pattern ? "pattern (a name, '{' or '(')" : "identifier", found);
  } else if (n > 0 && n <= 3) {
    StrBuf sb;
    strbuf_init(&sb, p->arena);
    for (int i = 0; i < n; i++) {
      const char *name = yysymbol_name(expected[i]);
      if (i)
        strbuf_put(&sb, i == n - 1 ? " or " : ", ", i == n - 1 ? 4 : 2);
      strbuf_put(&sb, name, strlen(name));
    }
    diag_error(p->diag, loc, "Expected %s but found %s", sb.data, found);
  } else if (tok->kind == TOK_END) {
    diag_error(p->diag, loc, "Unexpected end of file");
  } else {
    diag_error(p->diag, loc, "Unexpected token %s", found);
  }
  return 0;
}

static void yyerror(Loc *loc, Parser *p, const char *msg) {
  diag_error(p->diag, *loc, "%s", msg);
}
