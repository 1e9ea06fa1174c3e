/*
 * LD_PRELOAD shim for the RocketMQ test JVMs: RocketMQ 5.3.3 binds its gRPC proxy, proxy remoting and HA
 * servers, and RocketMQ 4.9.7 its name server and every broker port, to the wildcard address with no option to
 * change it. This rewrites a wildcard bind() (0.0.0.0 or ::) to loopback (127.0.0.1 or ::ffff:127.0.0.1), so the
 * test services listen on 127.0.0.1 only.
 * Built by test/services/rocketmq-common.mjs with the machine's C compiler; never shipped with obsync.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

typedef int (*bind_fn)(int, const struct sockaddr *, socklen_t);

int bind(int fd, const struct sockaddr *addr, socklen_t len) {
	static bind_fn real_bind;
	if (!real_bind) real_bind = (bind_fn)dlsym(RTLD_NEXT, "bind");
	if (addr && addr->sa_family == AF_INET && len >= sizeof(struct sockaddr_in)) {
		struct sockaddr_in copy;
		memcpy(&copy, addr, sizeof copy);
		if (copy.sin_addr.s_addr == htonl(INADDR_ANY)) copy.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		return real_bind(fd, (const struct sockaddr *)&copy, sizeof copy);
	}
	if (addr && addr->sa_family == AF_INET6 && len >= sizeof(struct sockaddr_in6)) {
		struct sockaddr_in6 copy;
		memcpy(&copy, addr, sizeof copy);
		if (memcmp(&copy.sin6_addr, &in6addr_any, sizeof in6addr_any) == 0) {
			static const unsigned char mapped[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 1};
			memcpy(&copy.sin6_addr, mapped, sizeof mapped);
		}
		return real_bind(fd, (const struct sockaddr *)&copy, sizeof copy);
	}
	return real_bind(fd, addr, len);
}
