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
#include <stdlib.h>
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
static inline int tk_ok(void) { return OK; }

// The keypad's corner keys, which some terminals send instead of Home/End/PgUp/PgDn.
static inline int tk_key_a1(void) { return KEY_A1; }
static inline int tk_key_a3(void) { return KEY_A3; }
static inline int tk_key_c1(void) { return KEY_C1; }
static inline int tk_key_c3(void) { return KEY_C3; }
static inline int tk_key_f0(void) { return KEY_F0; }
/// KEY_F(n) is defined for n up to 63; beyond that the codes belong to other keys.
static inline int tk_key_f_count(void) { return 63; }

// COLORS and COLOR_PAIRS are globals that Swift 6 refuses as shared mutable state.
static inline int tk_colors(void) { return COLORS; }
static inline int tk_color_pairs(void) { return COLOR_PAIRS; }

/// Sets the rendition for what the window draws next; wattr_set is a macro over the real call.
static inline int tk_set_style(WINDOW *w, attr_t attrs, int pair) {
    return wattr_set(w, attrs, (NCURSES_PAIRS_T)pair, NULL);
}

/// A screen on the process's own stdout/stdin. Unlike initscr, newterm returns NULL instead of
/// exiting when the terminal type is unknown, so the caller can explain what to do.
static inline SCREEN *tk_newterm(void) { return newterm(NULL, stdout, stdin); }

/// wcwidth under a UTF-8 locale even while the process still runs in the C locale (tests, tools,
/// or before the session sets the locale): there glibc's wcwidth returns -1 for every non-ASCII
/// character. uselocale only changes the calling thread, so this is safe from any thread.
static inline int tk_wcwidth(wchar_t c) {
    if (MB_CUR_MAX > 1) return wcwidth(c);
    static locale_t utf8 = (locale_t)0;
    locale_t loc = __atomic_load_n(&utf8, __ATOMIC_ACQUIRE);
    if (loc == (locale_t)0) {
        locale_t fresh = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
        if (fresh == (locale_t)0) return wcwidth(c);
        locale_t expected = (locale_t)0;
        if (__atomic_compare_exchange_n(&utf8, &expected, fresh, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
            loc = fresh;
        } else {
            freelocale(fresh);
            loc = expected;
        }
    }
    locale_t previous = uselocale(loc);
    int width = wcwidth(c);
    uselocale(previous);
    return width;
}

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

static inline int tk_key_mouse(void) { return KEY_MOUSE; }

/// Asks for presses of the first button and the wheel, or for no mouse events at all. A zero
/// click interval reports presses at once instead of waiting to tell clicks from double clicks;
/// releases are asked for too, or ncurses folds a press and its release into nothing.
static inline int tk_enable_mouse(int on) {
    mmask_t wanted = on ? (BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON4_PRESSED | BUTTON5_PRESSED) : 0;
    mouseinterval(0);
    mmask_t granted = mousemask(wanted, NULL);
    return (on && granted == 0) ? -1 : 0;
}

/// The next queued mouse event after KEY_MOUSE (newest first): kind 1 is a press of the first
/// button, 4 the wheel up, 5 the wheel down, 0 anything else. Returns -1 when none is left.
static inline int tk_read_mouse(int *kind, int *row, int *col) {
    MEVENT event;
    if (getmouse(&event) != OK) return -1;
    *row = event.y;
    *col = event.x;
    if (event.bstate & BUTTON1_PRESSED) *kind = 1;
    else if (event.bstate & BUTTON4_PRESSED) *kind = 4;
    else if (event.bstate & BUTTON5_PRESSED) *kind = 5;
    else *kind = 0;
    return 0;
}

#endif
