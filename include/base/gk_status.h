/* gk_status.h - status codes shared by every gongkai module.
 *
 * Every fallible gongkai function returns a gk_status: GK_OK (0) on success,
 * a negative code on failure.  Functions that can say more take a
 * `char **errmsg` out-parameter: on failure it receives a message allocated
 * with malloc() (free it with free()); it may receive NULL when even the
 * message could not be allocated.  On success *errmsg is left untouched.
 * Passing errmsg == NULL is always allowed.
 */
#ifndef GK_STATUS_H
#define GK_STATUS_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum gk_status {
    GK_OK = 0,
    GK_ENOMEM = -1,       /* out of memory */
    GK_EIO = -2,          /* a file could not be read or written */
    GK_ENOTFOUND = -3,    /* no such file, database, record or data file */
    GK_ELOCKED = -4,      /* database is locked by another writer */
    GK_ECORRUPT = -5,     /* database or data file is damaged */
    GK_EDB = -6,          /* any other database failure */
    GK_EINVAL = -7,       /* invalid argument or malformed input */
    GK_EQUERY = -8,       /* the query cannot be parsed or is meaningless */
    GK_EUNSUPPORTED = -9, /* unsupported file format or operation */
    GK_ETOOBIG = -10,     /* input larger than a configured limit */
    GK_EINTERNAL = -11    /* unexpected failure inside a library */
} gk_status;

/* Short English description of a status ("out of memory").  Never NULL;
 * the string is static. */
const char *gk_status_str(gk_status status);

#ifdef __cplusplus
}
#endif

#endif
