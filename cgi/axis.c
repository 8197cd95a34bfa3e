/* axis.c: round tick values for the axes of the charts, shared by the SVG and the PDF charts. */
#include "axis.h"

#include <math.h>

size_t axis_ticks(double lo, double hi, double *tick, size_t max)
{
	if (!(hi > lo) || max < 2) {
		tick[0] = lo;
		return 1;
	}
	double raw = (hi - lo) / (double)(max - 1);
	double mag = pow(10, floor(log10(raw)));
	double step = mag;
	static const double nice[] = { 1, 2, 2.5, 5, 10 };
	for (size_t i = 0; i < sizeof(nice) / sizeof(nice[0]); i++)
		if (nice[i] * mag >= raw) {
			step = nice[i] * mag;
			break;
		}
	size_t n = 0;
	double v = floor(lo / step) * step;
	do { /* up to the first tick at or above hi, so the axis covers every value */
		tick[n++] = fabs(v) < step * 1e-9 ? 0 : v;
		v += step;
	} while (tick[n - 1] < hi - step * 1e-9 && n < max + 3);
	return n;
}
