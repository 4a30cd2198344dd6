/* embedded.h: files carried inside the binary (static files, migrations, catalogs), made
 * at build time by tools/embed.c. Data is NUL-terminated after len bytes. */
#ifndef KOMEK_BASE_EMBEDDED_H
#define KOMEK_BASE_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
	const char *name; /* relative path, e.g. "static/app.css" */
	const unsigned char *data;
	size_t len;
};

/* Terminated by an entry with a NULL name; in the order given to the build (sorted). */
extern const struct embedded_file embedded_files[];

const struct embedded_file *embedded_find(const char *name);

#endif
