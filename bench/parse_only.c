/* The floor bench/run compares `mplint check` with: read every .js and .wxss file of the
 * corpus, parse it with tree-sitter (tree-sitter-javascript, tree-sitter-css: the grammars
 * mplint links) on one thread, free the tree. No analysis, no output but a summary line.
 *
 *   parse_only PATH...     files, or folders walked for *.js and *.wxss (skipping, as mplint
 *                          does, names that start with '.' and node_modules folders)
 *
 * Built by bench/run with cc -O2 against Debian's libtree-sitter (pkg-config tree-sitter) and
 * the parser.c + scanner.c of tree-sitter-javascript and tree-sitter-css from
 * grammars/node_modules. Prints "parse_only: N files, B bytes, E trees with errors" on stderr;
 * exit status 2 when a path cannot be read. */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <tree_sitter/api.h>

const TSLanguage *tree_sitter_javascript(void);
const TSLanguage *tree_sitter_css(void);

static TSParser *js_parser, *css_parser;
static long files, bytes, error_trees;
static int failures;

static int ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void parse_file(const char *path) {
  TSParser *parser = ends_with(path, ".js") ? js_parser : ends_with(path, ".wxss") ? css_parser : NULL;
  if (!parser) return;
  FILE *f = fopen(path, "rb");
  if (!f) {
    perror(path);
    failures = 1;
    return;
  }
  size_t cap = 1 << 16, len = 0, got;
  char *buf = malloc(cap);
  while (buf && (got = fread(buf + len, 1, cap - len, f)) > 0) {
    len += got;
    if (len == cap) buf = realloc(buf, cap *= 2);
  }
  fclose(f);
  if (!buf) {
    fprintf(stderr, "%s: out of memory\n", path);
    exit(2);
  }
  TSTree *tree = ts_parser_parse_string(parser, NULL, buf, (uint32_t)len);
  if (tree) {
    if (ts_node_has_error(ts_tree_root_node(tree))) error_trees++;
    ts_tree_delete(tree);
  }
  free(buf);
  files++;
  bytes += (long)len;
}

static void walk(const char *path) {
  struct stat st;
  if (stat(path, &st) != 0) {
    perror(path);
    failures = 1;
    return;
  }
  if (!S_ISDIR(st.st_mode)) {
    parse_file(path);
    return;
  }
  struct dirent **entries;
  int n = scandir(path, &entries, NULL, alphasort);
  if (n < 0) {
    perror(path);
    failures = 1;
    return;
  }
  for (int i = 0; i < n; i++) {
    const char *name = entries[i]->d_name;
    if (name[0] != '.' && strcmp(name, "node_modules") != 0) {
      size_t size = strlen(path) + strlen(name) + 2;
      char *child = malloc(size);
      snprintf(child, size, "%s/%s", path, name);
      walk(child);
      free(child);
    }
    free(entries[i]);
  }
  free(entries);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s PATH...\n", argv[0]);
    return 2;
  }
  js_parser = ts_parser_new();
  css_parser = ts_parser_new();
  if (!ts_parser_set_language(js_parser, tree_sitter_javascript()) ||
      !ts_parser_set_language(css_parser, tree_sitter_css())) {
    fprintf(stderr, "parse_only: the grammars' ABI does not match the tree-sitter runtime\n");
    return 2;
  }
  for (int i = 1; i < argc; i++) walk(argv[i]);
  ts_parser_delete(js_parser);
  ts_parser_delete(css_parser);
  fprintf(stderr, "parse_only: %ld files, %ld bytes, %ld trees with errors\n", files, bytes,
          error_trees);
  return failures ? 2 : 0;
}
