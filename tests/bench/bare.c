/* bare.c: benchmark baseline: a bare libfcgi responder that answers every request with the bytes of one file. */
#include <fcgiapp.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	static char body[1 << 22];
	FILE *fp = argc > 1 ? fopen(argv[1], "rb") : NULL;
	size_t n = fp ? fread(body, 1, sizeof(body), fp) : 0;
	if (fp)
		fclose(fp);
	FCGX_Request q;
	FCGX_Init();
	FCGX_InitRequest(&q, 0, 0);
	while (FCGX_Accept_r(&q) >= 0) {
		FCGX_PutS("Status: 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n", q.out);
		FCGX_PutStr(body, (int)n, q.out);
		FCGX_Finish_r(&q);
	}
	return 0;
}
