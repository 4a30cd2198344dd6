/* url.h: percent-decoding of the request path and query values, installed as
 * libmicrohttpd's unescape callback (server.c). Pure: no libmicrohttpd, no allocation. */
#ifndef KOMEK_HTTP_URL_H
#define KOMEK_HTTP_URL_H

#include <stddef.h>

/* Decodes every %XX (two hex digits, either case) of the NUL-terminated s in place and
 * returns the new length, which is never more than the old one. Like libmicrohttpd's own
 * decoding, except that %00 is left as it is, so that no decoded value can hide a NUL
 * (which would cut "/persons/1%00x" down to "/persons/1"): the result has no NUL before the
 * returned length. A '%' without two hex digits after it, and '+', stay as they are. */
size_t url_unescape(char *s);

#endif
