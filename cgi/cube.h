/* cube.h: tracking rows pre-aggregated for fast pages: per influencer and day (running totals) and per influencer, day, brand, product and campaign. */
#ifndef CUBE_H
#define CUBE_H

#include <stddef.h>
#include <stdint.h>

/* Rows of one influencer summed per (day, brand, product, campaign). */
struct cube_cell {
	int32_t date;
	uint32_t brand, product, campaign;
	int64_t orders, revenue;
};

/* Running totals of one influencer up to and including a day. */
struct cube_day {
	int32_t date, pad;
	int64_t orders, revenue;
};

/* Running total of all tracked revenue (organic included) up to a day. */
struct cube_total {
	int32_t date, pad;
	int64_t revenue;
};

/* Influencer i's cells are cell[cell_start[i] .. cell_start[i+1]), sorted by
 * date; organic rows sit at i = ninfl. Its days are day[day_start[i] ..
 * day_start[i+1]). Arrays belong to the dataset (malloc'd or mapped). */
struct cube {
	struct cube_cell *cell;
	uint32_t *cell_start;       /* ninfl + 2 entries */
	struct cube_day *day;
	uint32_t *day_start;        /* ninfl + 1 entries */
	struct cube_total *total;
	size_t ncell, nday, ntotal;
};

struct dataset;

/* Builds ds->cube from the raw tracking rows. Returns 0 or -1 (out of memory). */
int cube_build(struct dataset *ds);
/* Frees a cube built by cube_build. */
void cube_free(struct cube *c);

/* Orders and revenue of influencer i with dates in [from, to]. */
void cube_span(const struct cube *c, int32_t i, int32_t from, int32_t to, int64_t *orders, int64_t *revenue);
/* All tracked revenue with dates in [from, to]. */
int64_t cube_tracked(const struct cube *c, int32_t from, int32_t to);
/* Index of influencer i's first cell dated on or after from. */
size_t cube_first_cell(const struct cube *c, int32_t i, int32_t from);
/* Index of influencer i's first day entry dated on or after from. */
size_t cube_first_day(const struct cube *c, int32_t i, int32_t from);

#endif
