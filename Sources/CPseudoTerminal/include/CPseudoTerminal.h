// Pseudo-terminals for benchmarks and tests: start a program on one, to measure exactly what a
// terminal program writes to its terminal, byte by byte, with timestamps; or open a bare pair, to
// stand in for the user's terminal inside the test process. Only tests and the benchmark link it.
#ifndef SEGTUI_PSEUDO_TERMINAL_H
#define SEGTUI_PSEUDO_TERMINAL_H

#include <sys/types.h>

/// Forks `path` with `argv` and `envp` (NULL-terminated) on a new pty of rows x cols.
/// Returns the child's pid and stores the master side in *master_fd; -1 on failure.
pid_t pty_spawn(const char *path, char *const argv[], char *const envp[], int rows, int cols, int *master_fd);
/// Sets the pty's size on its master side, as a terminal emulator does when its window changes
/// (the program on it gets SIGWINCH). ioctl is variadic, so Swift cannot call it directly.
int pty_resize(int master_fd, int rows, int cols);
/// Opens a new pseudo-terminal pair, neither side becoming the controlling terminal.
/// Returns 0 on success.
int pty_open_pair(int *master_fd, int *slave_fd);

#endif
