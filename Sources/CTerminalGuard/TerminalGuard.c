#include "CTerminalGuard.h"

#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static struct termios saved_termios;
static int saved_fd = -1;
static volatile sig_atomic_t restored = 1;
static int saved_stderr = -1;
// Where stderr goes while curses owns the screen, for the line that tells the user after a crash.
static char log_path[4096];

// Every signal whose default action ends the process and that segtui does not watch itself
// (SIGINT, SIGTERM and SIGHUP are ignored by the session and handled by the run loop).
static const int guarded_signals[] = {SIGSEGV, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGQUIT,
                                      SIGSYS, SIGXCPU, SIGXFSZ, SIGUSR1, SIGUSR2, SIGALRM};
#define GUARDED_COUNT (sizeof(guarded_signals) / sizeof(guarded_signals[0]))
static struct sigaction previous_actions[GUARDED_COUNT];

void terminal_guard_save(int fd) {
    if (tcgetattr(fd, &saved_termios) == 0) {
        saved_fd = fd;
        restored = 0;
    }
}

void terminal_guard_restore(void) {
    if (restored || saved_fd < 0) return;
    restored = 1;
    // sgr0, show cursor, stop mouse reporting (--mouse), keypad off (rmkx: cursor keys back to
    // normal mode, numeric keypad), leave the alternate screen: plain ANSI that every terminal we
    // support understands, written with async-signal-safe write(2).
    static const char reset[] = "\033[0m\033[?25h\033[?1000l\033[?1002l\033[?1006l\033[?1l\033>\033[?1049l\r";
    ssize_t ignored = write(saved_fd, reset, sizeof(reset) - 1);
    (void)ignored;
    tcsetattr(saved_fd, TCSAFLUSH, &saved_termios);
}

void terminal_guard_restore_settings(void) {
    if (restored || saved_fd < 0) return;
    restored = 1;
    tcsetattr(saved_fd, TCSADRAIN, &saved_termios);
}

static const char *signal_name(int sig) {
    switch (sig) {
    case SIGSEGV: return "SIGSEGV";
    case SIGILL: return "SIGILL";
    case SIGTRAP: return "SIGTRAP";
    case SIGABRT: return "SIGABRT";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGQUIT: return "SIGQUIT";
    case SIGSYS: return "SIGSYS";
    case SIGXCPU: return "SIGXCPU";
    case SIGXFSZ: return "SIGXFSZ";
    case SIGUSR1: return "SIGUSR1";
    case SIGUSR2: return "SIGUSR2";
    case SIGALRM: return "SIGALRM";
    default: return "a fatal signal";
    }
}

static void write_all(int fd, const char *text) {
    size_t length = strlen(text);
    while (length > 0) {
        ssize_t written = write(fd, text, length);
        if (written <= 0) return;
        text += written;
        length -= (size_t)written;
    }
}

/// Decimal digits of value into buffer (async-signal-safe, unlike snprintf).
static const char *decimal(unsigned long long value, char buffer[32]) {
    char *end = buffer + 31;
    *end = '\0';
    do { *--end = (char)('0' + value % 10); value /= 10; } while (value > 0);
    return end;
}

/// The crash, as the log records it: which signal, which process, when (seconds since the epoch).
static void report_to_log(int sig) {
    char pid[32], now[32];
    write_all(STDERR_FILENO, "segtui: crashed with ");
    write_all(STDERR_FILENO, signal_name(sig));
    write_all(STDERR_FILENO, " in process ");
    write_all(STDERR_FILENO, decimal((unsigned long long)getpid(), pid));
    write_all(STDERR_FILENO, " at unix time ");
    write_all(STDERR_FILENO, decimal((unsigned long long)time(NULL), now));
    write_all(STDERR_FILENO, "; Swift's backtrace, if any, follows\n");
}

/// One line on the restored terminal that says where the report is.
static void tell_the_user(int fd, int sig) {
    write_all(fd, "segtui crashed (");
    write_all(fd, signal_name(sig));
    write_all(fd, "); the crash report is in ");
    write_all(fd, log_path);
    write_all(fd, "\r\n");
}

/// A signal sent with kill may land on any thread while the main one goes on drawing: curses
/// would then draw over the restored screen and the line below. From here on the terminal is
/// written only through a copy of its descriptor; the original one leads to /dev/null.
static void silence_other_writers(void) {
    if (restored || saved_fd < 0) return;
    int tty = dup(saved_fd);
    int null_fd = open("/dev/null", O_WRONLY);
    if (tty >= 0 && null_fd >= 0 && dup2(null_fd, saved_fd) >= 0) saved_fd = tty;
    else if (tty >= 0) close(tty);
    if (null_fd >= 0) close(null_fd);
}

static void guard_handler(int sig, siginfo_t *info, void *context) {
    silence_other_writers();
    terminal_guard_restore();
    if (saved_stderr >= 0 && log_path[0] != '\0') {
        // stderr still goes to the log: the report, ours and the backtracer's, is kept there,
        // and the terminal says where.
        report_to_log(sig);
        tell_the_user(saved_stderr, sig);
    } else {
        terminal_guard_restore_stderr();
    }
    for (unsigned i = 0; i < GUARDED_COUNT; i++) {
        if (guarded_signals[i] != sig) continue;
        struct sigaction *prev = &previous_actions[i];
        if (prev->sa_flags & SA_SIGINFO) {
            if (prev->sa_sigaction) prev->sa_sigaction(sig, info, context);
        } else if (prev->sa_handler != SIG_DFL && prev->sa_handler != SIG_IGN && prev->sa_handler) {
            prev->sa_handler(sig);
        }
        // Whatever came before has had its turn; now die of the signal. For a fault, returning
        // would run the faulting instruction again; for a signal sent with kill it would carry on
        // running with the terminal already given back, so raise it with the default action. It
        // is blocked until this handler returns.
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
}

void terminal_guard_install(void) {
    // A second install would record guard_handler as its own predecessor and chain to itself.
    static int installed = 0;
    if (installed) return;
    installed = 1;
    for (unsigned i = 0; i < GUARDED_COUNT; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof(action));
        action.sa_sigaction = guard_handler;
        action.sa_flags = SA_SIGINFO | SA_ONSTACK;
        sigemptyset(&action.sa_mask);
        sigaction(guarded_signals[i], &action, &previous_actions[i]);
    }
}

int terminal_guard_redirect_stderr(const char *path) {
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0600);
    if (fd < 0) return -1;
    if (saved_stderr < 0) saved_stderr = dup(STDERR_FILENO);
    strncpy(log_path, path, sizeof(log_path) - 1);
    log_path[sizeof(log_path) - 1] = '\0';
    dup2(fd, STDERR_FILENO);
    close(fd);
    return 0;
}

void terminal_guard_restore_stderr(void) {
    int saved = saved_stderr;
    if (saved < 0) return;
    saved_stderr = -1;
    dup2(saved, STDERR_FILENO);
    close(saved);
}
