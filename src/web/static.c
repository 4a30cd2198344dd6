/* static.c: the files under static/, carried in the binary. */
#include <string.h>

#include "base/banned.h"
#include "base/embedded.h"
#include "base/util.h"
#include "web/pages.h"

int page_static_get(struct req *r)
{
	const char *name = r->path + 1; /* "static/app.css" */
	const struct embedded_file *f = embedded_find(name);
	if (!f || strncmp(name, "static/", 7) != 0)
		return K_ENOTFOUND;
	const char *dot = strrchr(name, '.');
	r->ctype = "application/octet-stream";
	if (dot && strcmp(dot, ".css") == 0)
		r->ctype = "text/css; charset=utf-8";
	else if (dot && strcmp(dot, ".js") == 0)
		r->ctype = "text/javascript; charset=utf-8";
	else if (dot && strcmp(dot, ".json") == 0)
		r->ctype = "application/json";
	else if (dot && strcmp(dot, ".svg") == 0)
		r->ctype = "image/svg+xml";
	req_header_add(r, "Cache-Control", "public, max-age=3600");
	return buf_append(&r->out, f->data, f->len) ? K_ENOMEM : 0;
}
