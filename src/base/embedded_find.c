/* embedded_find.c: lookup of files carried in the binary. */
#include <string.h>

#include "base/banned.h"
#include "base/embedded.h"

const struct embedded_file *embedded_find(const char *name)
{
	for (const struct embedded_file *f = embedded_files; f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}
