package dev.foldout.internal.cow;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/** The few libc calls the reflink code needs; each throws {@link LastErrorException} carrying errno on failure. */
interface LibC extends Library {
    /** Loaded on first use. */
    LibC INSTANCE = Native.load("c", LibC.class);

    int O_RDONLY = 0;
    int O_WRONLY = 01;
    int O_CREAT = 0100;
    int O_EXCL = 0200;
    int O_CLOEXEC = 02000000;

    int open(String path, int flags, int mode) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    /** {@code ioctl} whose argument is an int ({@code FICLONE}: the source file descriptor). */
    int ioctl(int fd, NativeLong request, int arg) throws LastErrorException;

    /** {@code ioctl} whose argument is a buffer ({@code FS_IOC_FIEMAP}). */
    int ioctl(int fd, NativeLong request, Pointer arg) throws LastErrorException;

    int fchown(int fd, int uid, int gid) throws LastErrorException;

    int fchmod(int fd, int mode) throws LastErrorException;

    int syncfs(int fd) throws LastErrorException;
}
