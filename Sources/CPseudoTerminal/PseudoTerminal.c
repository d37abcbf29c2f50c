#define _GNU_SOURCE
#include "CPseudoTerminal.h"

#include <pty.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

pid_t pty_spawn(const char *path, char *const argv[], char *const envp[], int rows, int cols, int *master_fd) {
    struct winsize size = {0};
    size.ws_row = (unsigned short)rows;
    size.ws_col = (unsigned short)cols;
    pid_t pid = forkpty(master_fd, NULL, NULL, &size);
    if (pid == 0) {
        execve(path, argv, envp);
        _exit(127);
    }
    return pid;
}

int pty_resize(int master_fd, int rows, int cols) {
    struct winsize size = {0};
    size.ws_row = (unsigned short)rows;
    size.ws_col = (unsigned short)cols;
    return ioctl(master_fd, TIOCSWINSZ, &size);
}
