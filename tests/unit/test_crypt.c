/* test_crypt.c: key files, rotation, and sealed values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/util.h"
#include "crypt/keyring.h"
#include "crypt/seal.h"

#include "base/banned.h"

struct fixture {
	char dir[64];
	char key[128];
	struct arena a;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/komek-test-crypt-XXXXXX");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	snprintf(f->key, sizeof(f->key), "%s/komek.key", f->dir);
	arena_init(&f->a);
	unsetenv("KOMEK_KEY");
	keyring_clear();
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	keyring_clear();
	arena_release(&f->a);
	unlink(f->key);
	rmdir(f->dir);
	free(f);
	return 0;
}

static void write_file(const char *path, const char *text, mode_t mode)
{
	unlink(path);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	assert_int_equal(chmod(path, mode), 0);
}

static void test_default_path(void **state)
{
	(void)state;
	char *p = keyring_default_path("data/komek.db");
	assert_string_equal(p, "data/komek.key");
	free(p);
	p = keyring_default_path("x");
	assert_string_equal(p, "x.key");
	free(p);
	assert_null(keyring_default_path("postgresql://host/db"));
}

static void test_create_load_and_refusals(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(keyring_load(f->key), K_ENOTFOUND);
	assert_int_equal(keyring_create(f->key), 0);
	/* Never over an existing file. */
	assert_int_not_equal(keyring_create(f->key), 0);
	struct stat st;
	assert_int_equal(stat(f->key, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(keyring_load(f->key), 0);
	assert_int_equal(keyring_count(), 1);
	assert_int_equal(strlen(keyring_current()->id), KEY_ID_LEN);

	/* A key file others may read is refused. */
	assert_int_equal(chmod(f->key, 0644), 0);
	keyring_clear();
	assert_int_equal(keyring_load(f->key), K_EINVAL);
	/* So is one with a short key, or no key at all. */
	write_file(f->key, "# only a comment\n\n", 0600);
	assert_int_equal(keyring_load(f->key), K_EINVAL);
	write_file(f->key, "c2hvcnQ=\n", 0600);
	assert_int_equal(keyring_load(f->key), K_EINVAL);
	assert_null(keyring_current());
}

static void test_seal_round_trip(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(keyring_create(f->key), 0);
	assert_int_equal(keyring_load(f->key), 0);
	const char *plain = "Торговец ищет её: улица Абая 12 · 我们";
	const char *s1 = NULL, *s2 = NULL, *back = NULL;
	assert_int_equal(seal(&f->a, "persons.protection_reason", plain, &s1), 0);
	assert_int_equal(seal(&f->a, "persons.protection_reason", plain, &s2), 0);
	/* A new nonce each time: the same text never seals the same way. */
	assert_string_not_equal(s1, s2);
	assert_null(strstr(s1, "Абая"));
	assert_true(strncmp(s1, "k1.", 3) == 0);
	assert_true(seal_is_current(s1));
	assert_int_equal(seal_open(&f->a, "persons.protection_reason", s1, &back), 0);
	assert_string_equal(back, plain);
	/* NULL stays NULL; the empty string survives. */
	assert_int_equal(seal(&f->a, "x", NULL, &s2), 0);
	assert_null(s2);
	assert_int_equal(seal(&f->a, "x", "", &s2), 0);
	assert_int_equal(seal_open(&f->a, "x", s2, &back), 0);
	assert_string_equal(back, "");

	/* Another field's value does not open here. */
	assert_int_equal(seal_open(&f->a, "cases.note", s1, &back), K_EDB);
	/* Nor does an altered one, at any position. */
	size_t n = strlen(s1);
	for (size_t i = 12; i < n; i += 7) {
		char *t = arena_strdup(&f->a, s1);
		t[i] = t[i] == 'A' ? 'B' : 'A';
		assert_int_equal(seal_open(&f->a, "persons.protection_reason", t, &back), K_EDB);
	}
	/* Nor plain text that was never sealed, nor a truncated value. */
	assert_int_equal(seal_open(&f->a, "x", "plain", &back), K_EDB);
	assert_int_equal(seal_open(&f->a, "x", "k1.0123abcd.", &back), K_EDB);
	/* Without a key, nothing is sealed. */
	keyring_clear();
	assert_int_equal(seal(&f->a, "x", "secret", &s2), K_EINVAL);
}

static void test_rotation(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(keyring_create(f->key), 0);
	assert_int_equal(keyring_load(f->key), 0);
	char old_id[KEY_ID_LEN + 1];
	memcpy(old_id, keyring_current()->id, sizeof(old_id));
	const char *old = NULL, *back = NULL;
	assert_int_equal(seal(&f->a, "f", "before the rotation", &old), 0);

	/* A new key goes first; the old one stays to open old values. */
	assert_int_equal(keyring_add_new(f->key), 0);
	struct stat st;
	assert_int_equal(stat(f->key, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	/* A running process reads the file again when it meets a key it does not hold. */
	const char *fresh = NULL;
	{
		/* What `komek rekey` in another process does: load the new file and seal. */
		keyring_clear();
		assert_int_equal(keyring_load(f->key), 0);
		assert_int_equal(keyring_count(), 2);
		assert_string_not_equal(keyring_current()->id, old_id);
		assert_string_equal(keyring_at(1)->id, old_id);
		assert_int_equal(seal(&f->a, "f", "after the rotation", &fresh), 0);
	}
	assert_false(seal_is_current(old));
	assert_true(seal_is_current(fresh));
	assert_int_equal(seal_open(&f->a, "f", old, &back), 0);
	assert_string_equal(back, "before the rotation");

	/* A server that still holds only the old key opens the new value by reading the file
	 * again. */
	keyring_clear();
	char *one_key = NULL;
	{
		FILE *fp = fopen(f->key, "r");
		assert_non_null(fp);
		char line[256], last[256] = "";
		while (fgets(line, sizeof(line), fp))
			if (line[0] != '#')
				memcpy(last, line, sizeof(line));
		fclose(fp);
		one_key = strdup(last);
	}
	char old_file[160];
	snprintf(old_file, sizeof(old_file), "%s/old.key", f->dir);
	write_file(old_file, one_key, 0600);
	free(one_key);
	assert_int_equal(keyring_load(old_file), 0);
	assert_string_equal(keyring_current()->id, old_id);
	/* The old file is what this process knows; give it the new file's contents, as
	 * `komek key new` would have done to it. */
	assert_int_equal(rename(f->key, old_file), 0);
	assert_int_equal(seal_open(&f->a, "f", fresh, &back), 0);
	assert_string_equal(back, "after the rotation");
	unlink(old_file);
}

static void test_key_from_environment(void **state)
{
	struct fixture *f = *state;
	setenv("KOMEK_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", 1);
	assert_int_equal(keyring_load(NULL), 0);
	assert_int_equal(keyring_count(), 1);
	const char *s = NULL, *back = NULL;
	assert_int_equal(seal(&f->a, "f", "v", &s), 0);
	assert_int_equal(seal_open(&f->a, "f", s, &back), 0);
	assert_string_equal(back, "v");
	/* There is no file to read again. */
	assert_int_equal(keyring_reload(), K_ENOTFOUND);
	setenv("KOMEK_KEY", "too short", 1);
	keyring_clear();
	assert_int_equal(keyring_load(NULL), K_EINVAL);
	unsetenv("KOMEK_KEY");
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_default_path), T(test_create_load_and_refusals), T(test_seal_round_trip),
		T(test_rotation),     T(test_key_from_environment),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
