// Starts a program on a new pseudo-terminal, so that benchmarks and tests can measure exactly
// what a terminal program writes to its terminal, byte by byte, with timestamps.
#ifndef SEGTUI_PSEUDO_TERMINAL_H
#define SEGTUI_PSEUDO_TERMINAL_H

#include <sys/types.h>

/// Forks `path` with `argv` and `envp` (NULL-terminated) on a new pty of rows x cols.
/// Returns the child's pid and stores the master side in *master_fd; -1 on failure.
pid_t pty_spawn(const char *path, char *const argv[], char *const envp[], int rows, int cols, int *master_fd);
/// Sets the pty's size (the child gets SIGWINCH).
int pty_resize(int master_fd, int rows, int cols);

#endif
