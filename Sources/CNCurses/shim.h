// What Swift cannot import from ncursesw: macros, the stdscr global, and wcwidth, which glibc
// hides from Swift. Every value Swift needs comes from here instead of being hard-coded.
#ifndef SEGTUI_CNCURSES_SHIM_H
#define SEGTUI_CNCURSES_SHIM_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/ncurses.h>
#include <langinfo.h>
#include <sys/ioctl.h>
#include <unistd.h>

extern int wcwidth(wchar_t c);
extern int wcswidth(const wchar_t *s, size_t n);

static inline WINDOW *tk_stdscr(void) { return stdscr; }
static inline int tk_lines(void) { return LINES; }
static inline int tk_cols(void) { return COLS; }

static inline attr_t tk_a_normal(void) { return A_NORMAL; }
static inline attr_t tk_a_bold(void) { return A_BOLD; }
static inline attr_t tk_a_reverse(void) { return A_REVERSE; }
static inline attr_t tk_a_dim(void) { return A_DIM; }
static inline attr_t tk_a_underline(void) { return A_UNDERLINE; }
static inline attr_t tk_color_pair(int n) { return COLOR_PAIR(n); }

static inline int tk_key_resize(void) { return KEY_RESIZE; }
static inline int tk_key_up(void) { return KEY_UP; }
static inline int tk_key_down(void) { return KEY_DOWN; }
static inline int tk_key_left(void) { return KEY_LEFT; }
static inline int tk_key_right(void) { return KEY_RIGHT; }
static inline int tk_key_home(void) { return KEY_HOME; }
static inline int tk_key_end(void) { return KEY_END; }
static inline int tk_key_ppage(void) { return KEY_PPAGE; }
static inline int tk_key_npage(void) { return KEY_NPAGE; }
static inline int tk_key_enter(void) { return KEY_ENTER; }
static inline int tk_key_backspace(void) { return KEY_BACKSPACE; }
static inline int tk_key_dc(void) { return KEY_DC; }
static inline int tk_key_ic(void) { return KEY_IC; }
static inline int tk_key_btab(void) { return KEY_BTAB; }
static inline int tk_key_f(int n) { return KEY_F(n); }
static inline int tk_key_code_yes(void) { return KEY_CODE_YES; }
static inline int tk_err(void) { return ERR; }

/// Draws one UTF-8 string at (y, x) in window w with the given attributes, without moving the
/// logical cursor semantics Swift would otherwise have to replicate.
static inline int tk_put(WINDOW *w, int y, int x, const char *utf8) {
    return mvwaddstr(w, y, x, utf8);
}

/// The terminal's size from the kernel, which is right after SIGWINCH even before ncurses knows.
static inline int tk_winsize(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return -1;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 0;
}

static inline const char *tk_codeset(void) { return nl_langinfo(CODESET); }

#endif
