/* json.c - JSON strings that are always valid UTF-8, numbers that stay
 * integers, one object per line. */
#include "gk_json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gk_utf8.h"

json_t *gk_json_text(const char *s)
{
    char *clean = gk_utf8_sanitize(s, strlen(s));
    json_t *j = clean != NULL ? json_string(clean) : NULL;
    free(clean);
    return j != NULL ? j : json_null();
}

json_t *gk_json_number(double value)
{
    if (value == floor(value) && fabs(value) < 9e15)
        return json_integer((json_int_t)value);
    return json_real(value);
}

void gk_json_print(FILE *to, json_t *obj)
{
    if (obj == NULL)
        return;
    json_dumpf(obj, to, JSON_COMPACT);
    fputc('\n', to);
    json_decref(obj);
}

json_t *gk_json_list(const char *s)
{
    json_t *a = json_array();
    for (const char *p = s != NULL ? s : ""; a != NULL && *p != '\0';) {
        size_t n = strcspn(p, ",");
        if (n > 0 && json_array_append_new(a, json_stringn(p, n)) != 0) {
            json_decref(a);
            return NULL;
        }
        p += n + (p[n] == ',');
    }
    return a;
}
