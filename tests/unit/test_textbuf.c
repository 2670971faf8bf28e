/*
 * test_textbuf.c - unit tests for the text buffer and its printf
 * (src/textbuf.c): every conversion must give exactly what vsnprintf gives.
 */
#include "textbuf.h"

#include <check.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Formats with tb_vprintf after some text already in the buffer and checks
 * the result against vsnprintf. */
static void __attribute__((format(printf, 1, 2))) same_as_printf(const char *fmt, ...) {
  char want[512];
  va_list ap, ap2;
  va_start(ap, fmt);
  va_copy(ap2, ap);
  vsnprintf(want, sizeof want, fmt, ap);
  TextBuf tb = {NULL, 0, 0};
  tb_puts(&tb, "<");
  tb_vprintf(&tb, fmt, ap2);
  va_end(ap2);
  va_end(ap);
  ck_assert_str_eq(tb_cstr(&tb) + 1, want);
  ck_assert_uint_eq(tb.len, strlen(want) + 1);
  tb_free(&tb);
}

START_TEST(plain_text_and_percent) {
  same_as_printf("no conversions at all");
  same_as_printf("%s", "");
  same_as_printf("100%% sure, %s%%", "very");
}
END_TEST

START_TEST(strings_and_chars) {
  same_as_printf("(local.get $%s) (i32.const %d)", "x_1", 7);
  same_as_printf("[%10s][%-10s][%.3s][%.*s][%*s]", "right", "left", "truncated", 2,
                 "ab-cd", 6, "star");
  same_as_printf("%c%c%5c%-3c|", 'a', '(', 'z', 'q');
}
END_TEST

START_TEST(integers) {
  same_as_printf("%d %d %d %d", 0, -1, INT_MAX, INT_MIN);
  same_as_printf("%i %u %x %X %o", -42, 4000000000u, 0xbeefu, 0xbeefu, 8u);
  same_as_printf("%ld %lu %lld %llu", LONG_MIN, ULONG_MAX, LLONG_MIN, ULLONG_MAX);
  same_as_printf("%zu %jd %td %hhd %hd", (size_t)12345, (intmax_t)-9, (ptrdiff_t)-3,
                 (signed char)-5, (short)-300);
  same_as_printf("[%5d][%-5d][%05d][%+d][% d][%.3d][%.0d][%8.3d][%-+6d]", 42, 42, -42,
                 42, 42, 7, 0, -7, 3);
  same_as_printf("[%#x][%#X][%#o][%#o][%02x][%04x][%#x]", 255u, 255u, 8u, 0u, 7u, 0xabu,
                 0u);
  same_as_printf("[%*d][%-*d][%.*d]", 6, 1, 6, 2, 4, 3);
}
END_TEST

START_TEST(plain_decimals) {
  same_as_printf("%u|%llu|%llu|%zu| tail", 0u, 4294967295ULL, 4294967296ULL, (size_t)0);
  TextBuf tb = {NULL, 0, 0};
  const int ints[] = {INT_MIN, -10, -1, 0, 9, 10, INT_MAX};
  const unsigned long long uints[] = {0, 9, 4294967295ULL, 4294967296ULL, 10000000000ULL,
                                      ULLONG_MAX};
  char want[256] = "";
  size_t n = 0;
  for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
    tb_put_int(&tb, ints[i]);
    tb_putc(&tb, ' ');
    n += (size_t)snprintf(want + n, sizeof want - n, "%d ", ints[i]);
  }
  for (size_t i = 0; i < sizeof uints / sizeof uints[0]; i++) {
    tb_put_uint(&tb, uints[i]);
    tb_putc(&tb, ' ');
    n += (size_t)snprintf(want + n, sizeof want - n, "%llu ", uints[i]);
  }
  ck_assert_str_eq(tb_cstr(&tb), want);
  tb_free(&tb);
}
END_TEST

START_TEST(floats_and_pointers) {
  same_as_printf("%.17g %.17g %.17g %g", 0.1, -2.5, 1e300, 3.0);
  same_as_printf("%f %e %10.2f %-12.4e| %a", 3.14159, 12345.678, -1.5, 2.0, 1.0);
  same_as_printf("%Lg %+.3Lf", (long double)1.25, (long double)-2.0);
  same_as_printf("%p", (void *)&same_as_printf);
}
END_TEST

START_TEST(long_output_grows_the_buffer) {
  TextBuf tb = {NULL, 0, 0};
  size_t want = 0;
  char line[64];
  for (int i = 0; i < 100000; i++) {
    tb_printf(&tb, "(local $tmp%d %s)\n", i, "i32");
    want += (size_t)snprintf(line, sizeof line, "(local $tmp%d %s)\n", i, "i32");
  }
  ck_assert_uint_eq(tb.len, want);
  ck_assert_str_eq(tb_cstr(&tb) + tb.len - strlen(line), line);
  tb_repeat(&tb, ' ', 0);
  tb_repeat(&tb, ' ', -3);
  ck_assert_uint_eq(tb.len, want);
  tb_repeat(&tb, ' ', 5);
  ck_assert_uint_eq(tb.len, want + 5);
  tb_free(&tb);
  ck_assert_ptr_null(tb.data);
}
END_TEST

int main(void) {
  Suite *s = suite_create("textbuf");
  TCase *tc = tcase_create("printf");
  tcase_add_test(tc, plain_text_and_percent);
  tcase_add_test(tc, strings_and_chars);
  tcase_add_test(tc, integers);
  tcase_add_test(tc, plain_decimals);
  tcase_add_test(tc, floats_and_pointers);
  tcase_add_test(tc, long_output_grows_the_buffer);
  suite_add_tcase(s, tc);
  SRunner *runner = srunner_create(s);
  srunner_run_all(runner, CK_NORMAL);
  int failed = srunner_ntests_failed(runner);
  srunner_free(runner);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
