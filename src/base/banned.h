/* banned.h: functions that are easy to misuse, made compile errors (after git's banned.h). */
#ifndef KOMEK_BASE_BANNED_H
#define KOMEK_BASE_BANNED_H

#define BANNED(func) sorry_##func##_is_banned_use_a_bounded_or_checked_alternative

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) BANNED(strncpy)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef gets
#define gets(x) BANNED(gets)
#undef atoi
#define atoi(x) BANNED(atoi)
#undef atol
#define atol(x) BANNED(atol)

#endif
