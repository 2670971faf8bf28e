/*
 * ast_undef.h - ends one use of ast.def's field macros (CHILD, LIST, TEXT, ...),
 * so the next user can define them its own way.  Included, not guarded.
 */
#undef CHILD
#undef CHILD_N
#undef LIST
#undef LIST_O
#undef TEXT
#undef TEXT_O
#undef TEXTS
#undef FLAG
#undef FLAG_O
#undef LITERAL
#undef COOKED
#undef SETTER
