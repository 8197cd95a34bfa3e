/* slot.c: a few slots shared by the workers of one program, so responses that take long to be read never hold every worker. */
#define _GNU_SOURCE
#include "slot.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

/* One byte of an anonymous file per slot, taken with a POSIX record lock:
 * such locks belong to the process (a forked worker does not inherit its
 * parent's), and the kernel drops them when a worker dies mid-request. */
static int fd = -1, nslots;

int slot_init(int n)
{
	nslots = n;
	fd = memfd_create("influencer-roi-slots", MFD_CLOEXEC);
	return fd < 0 ? -1 : 0;
}

static int lock(int slot, short type)
{
	struct flock l = { .l_type = type, .l_whence = SEEK_SET, .l_start = slot, .l_len = 1 };
	return fcntl(fd, F_SETLK, &l);
}

int slot_take(void)
{
	if (fd < 0)
		return nslots; /* no shared file: no limit, and a slot number nobody else uses */
	for (int i = 0; i < nslots; i++)
		if (lock(i, F_WRLCK) == 0)
			return i;
	return -1;
}

void slot_release(int slot)
{
	if (fd >= 0 && slot >= 0 && slot < nslots)
		lock(slot, F_UNLCK);
}
