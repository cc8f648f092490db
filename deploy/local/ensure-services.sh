#!/usr/bin/env bash
# Makes sure the services the integration tests use are up: MariaDB on 127.0.0.1:3306 (root, no
# password) and Redis on 127.0.0.1:6379. They are normally running already; this starts them when
# they are installed but stopped, and installs them from Debian's packages when they are missing.
set -euo pipefail

wait_for() { # name, probe command
  for _ in $(seq 1 60); do
    if eval "$2" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  echo "ensure-services: $1 did not come up" >&2
  return 1
}

apt_install() {
  if [ "$(id -u)" != 0 ]; then echo "ensure-services: $* missing and not root to install it" >&2; return 1; fi
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  command -v redis-server >/dev/null || apt_install redis-server
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
  wait_for redis "redis-cli -h 127.0.0.1 -p 6379 ping"
fi

if ! mysqladmin -h 127.0.0.1 -P 3306 -u root ping >/dev/null 2>&1; then
  command -v mariadbd >/dev/null || apt_install mariadb-server
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  wait_for mariadb "mysqladmin -h 127.0.0.1 -P 3306 -u root ping"
fi
echo "ensure-services: MariaDB and Redis are up"
