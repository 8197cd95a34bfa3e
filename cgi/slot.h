/* slot.h: a few slots shared by the workers of one program, so responses that take long to be read never hold every worker. */
#ifndef SLOT_H
#define SLOT_H

/* Makes n slots (before the workers are forked). Returns 0, or -1 when the
 * shared file cannot be made (slot_take then always succeeds). */
int slot_init(int n);
/* Takes a free slot: returns its number, or -1 when every slot is taken.
 * A slot is held by the process: it is freed by slot_release or when the
 * process dies. */
int slot_take(void);
void slot_release(int slot);

#endif
