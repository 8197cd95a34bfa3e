/* axis.h: round tick values for the axes of the charts, shared by the SVG and the PDF charts. */
#ifndef AXIS_H
#define AXIS_H

#include <stddef.h>

/* Round axis ticks from lo to hi (steps of 1, 2, 2.5 or 5 times a power of
 * ten), the last at or above hi: writes up to max + 3 ticks into tick and
 * returns how many; one tick (lo) when the range is empty or max < 2. */
size_t axis_ticks(double lo, double hi, double *tick, size_t max);

#endif
