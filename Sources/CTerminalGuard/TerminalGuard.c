#include "CTerminalGuard.h"

#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved_termios;
static int saved_fd = -1;
static volatile sig_atomic_t restored = 1;
static int saved_stderr = -1;

static const int guarded_signals[] = {SIGSEGV, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE};
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
    // sgr0, show cursor, stop mouse reporting (--mouse), leave the alternate screen: plain ANSI
    // that every terminal we support understands, written with async-signal-safe write(2).
    static const char reset[] = "\033[0m\033[?25h\033[?1000l\033[?1002l\033[?1006l\033[?1049l\r";
    ssize_t ignored = write(saved_fd, reset, sizeof(reset) - 1);
    (void)ignored;
    tcsetattr(saved_fd, TCSAFLUSH, &saved_termios);
}

void terminal_guard_restore_settings(void) {
    if (restored || saved_fd < 0) return;
    restored = 1;
    tcsetattr(saved_fd, TCSADRAIN, &saved_termios);
}

static void guard_handler(int sig, siginfo_t *info, void *context) {
    terminal_guard_restore();
    terminal_guard_restore_stderr();
    for (unsigned i = 0; i < GUARDED_COUNT; i++) {
        if (guarded_signals[i] != sig) continue;
        struct sigaction *prev = &previous_actions[i];
        if (prev->sa_flags & SA_SIGINFO) {
            if (prev->sa_sigaction) { prev->sa_sigaction(sig, info, context); return; }
        } else if (prev->sa_handler != SIG_DFL && prev->sa_handler != SIG_IGN && prev->sa_handler) {
            prev->sa_handler(sig);
            return;
        }
        sigaction(sig, prev, NULL);
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
