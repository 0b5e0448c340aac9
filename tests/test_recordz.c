/* test_recordz.c - stored records: compressed, read back whole, plain
 * records of older databases still read, damage reported. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "gk_recordz.h"

/* A record like a real one: many table cells, repetitive, with Chinese. */
static char *sample_record(size_t *len)
{
    size_t cap = 64 * 1024, n = 0;
    char *s = malloc(cap);
    assert_non_null(s);
    n += (size_t)snprintf(s + n, cap - n, "{\"title\":\"柳泉镇2021年政府信息公开工作年度报告\","
                                          "\"raw_figures\":[");
    for (int i = 0; i < 150; i++)
        n += (size_t)snprintf(s + n, cap - n,
                              "%s{\"table\":\"requests\",\"row\":\"%d\",\"column\":"
                              "\"自然人\",\"value\":%d,\"text\":\"%d\"}",
                              i ? "," : "", i, i * 7 % 13, i * 7 % 13);
    n += (size_t)snprintf(s + n, cap - n, "]}");
    *len = n;
    return s;
}

static void test_round_trip_is_smaller_and_exact(void **state)
{
    (void)state;
    size_t len;
    char *json = sample_record(&len);
    char *stored = NULL, *back = NULL;
    size_t stored_len = 0;
    assert_int_equal(gk_recordz_pack(json, len, &stored, &stored_len, NULL), GK_OK);
    if (stored_len * 4 > len)
        fail_msg("stored %zu bytes for %zu of JSON", stored_len, len);
    assert_int_equal(gk_recordz_unpack(stored, stored_len, &back, NULL), GK_OK);
    assert_int_equal(strlen(back), len);
    assert_memory_equal(back, json, len);
    free(back);
    free(stored);
    free(json);
}

/* Databases written before records were compressed hold plain JSON. */
static void test_plain_record_reads_as_is(void **state)
{
    (void)state;
    const char plain[] = "{\"report_id\":\"38cf79e7516eaf4d\"}";
    char *back = NULL;
    assert_int_equal(gk_recordz_unpack(plain, sizeof plain - 1, &back, NULL), GK_OK);
    assert_string_equal(back, plain);
    free(back);
    assert_int_equal(gk_recordz_unpack("", 0, &back, NULL), GK_OK);
    assert_string_equal(back, "");
    free(back);
}

/* A cut or altered stored record is damage, said in one line. */
static void test_damage_is_reported(void **state)
{
    (void)state;
    size_t len;
    char *json = sample_record(&len);
    char *stored = NULL, *back = NULL, *msg = NULL;
    size_t stored_len = 0;
    assert_int_equal(gk_recordz_pack(json, len, &stored, &stored_len, NULL), GK_OK);
    assert_int_equal(gk_recordz_unpack(stored, stored_len / 2, &back, &msg), GK_ECORRUPT);
    assert_null(back);
    assert_non_null(msg);
    assert_null(strchr(msg, '\n'));
    free(msg);
    msg = NULL;
    stored[4] ^= 0x01; /* the announced length no longer matches */
    assert_int_equal(gk_recordz_unpack(stored, stored_len, &back, &msg), GK_ECORRUPT);
    free(msg);
    free(stored);
    free(json);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_is_smaller_and_exact),
        cmocka_unit_test(test_plain_record_reads_as_is),
        cmocka_unit_test(test_damage_is_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
