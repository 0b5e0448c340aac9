/* status.c - descriptions of gk_status codes. */
#include "gk_status.h"

const char *gk_status_str(gk_status status)
{
    switch (status) {
    case GK_OK: return "ok";
    case GK_ENOMEM: return "out of memory";
    case GK_EIO: return "input/output error";
    case GK_ENOTFOUND: return "not found";
    case GK_ELOCKED: return "database is locked";
    case GK_ECORRUPT: return "damaged data";
    case GK_EDB: return "database error";
    case GK_EINVAL: return "invalid input";
    case GK_EQUERY: return "bad query";
    case GK_EUNSUPPORTED: return "unsupported format";
    case GK_ETOOBIG: return "too large";
    case GK_EINTERNAL: return "internal error";
    }
    return "unknown status";
}
