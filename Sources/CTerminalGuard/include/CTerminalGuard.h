// Restores the terminal when the process dies from a signal that skips Swift's clean-up
// (a trap, a segfault, an abort), then hands the signal on so that the crash report still appears.
#ifndef SEGTUI_TERMINAL_GUARD_H
#define SEGTUI_TERMINAL_GUARD_H

/// Saves the terminal's settings of fd; call before curses changes them.
void terminal_guard_save(int fd);
/// Installs handlers for every fatal signal the session does not watch itself (SIGSEGV, SIGILL,
/// SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGQUIT, SIGSYS, SIGXCPU, SIGXFSZ, SIGUSR1, SIGUSR2,
/// SIGALRM) that restore the saved settings, turn the keypad off and leave the alternate screen, then chain to whatever handler came before
/// (Swift's backtracer), then die of the signal. While stderr is redirected to a log, the handler
/// writes a line about the crash into the log, leaves stderr there so that the backtracer's report
/// goes into it too, and prints on the terminal's stderr where the report is.
/// Installs once; later calls do nothing.
void terminal_guard_install(void);
/// Restores the saved settings now (also used on a normal exit as a last resort). Idempotent.
void terminal_guard_restore(void);
/// Puts back the saved settings without writing anything to the terminal: for a normal end,
/// after endwin has already left the alternate screen and shown the cursor. Idempotent, and
/// disarms terminal_guard_restore until the next terminal_guard_save.
void terminal_guard_restore_settings(void);
/// Redirects stderr into the file at path (appending), so that a crash report is not written
/// onto the alternate screen where it would vanish. Remembers path for the line a crash prints.
/// Returns 0 on success.
int terminal_guard_redirect_stderr(const char *path);
/// Puts stderr back where it was before terminal_guard_redirect_stderr. Idempotent.
void terminal_guard_restore_stderr(void);

#endif
