#!/usr/bin/env bash
# Local infrastructure on loopback for the cluster mode and the integration tests:
#   up      fetch (first run only) and start ZooKeeper and a single-node KRaft Kafka, make sure
#           MariaDB and Redis run, create the platform database and run the TypeORM migrations;
#           idempotent, and later runs skip whatever already exists or already answers.
#   down    stop the ZooKeeper and Kafka this script started (MariaDB and Redis are shared: left alone).
#   status  one JSON object: each service up/down with its port and pid.
# Everything it downloads or writes lives under .infra/ (git-ignored). Where each service ended up
# listening is recorded in .infra/endpoints.json, which tests and apps read.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/deploy/local"
INFRA="$ROOT/.infra"
ENDPOINTS="$INFRA/endpoints.json"
M2="$INFRA/m2"
ZK_DIR="$INFRA/zookeeper"
KAFKA_DIR="$INFRA/kafka"

DB_HOST=127.0.0.1
DB_PORT=3306
DB_USER=root
DB_NAME="${ECS_DB_NAME:-ecs}"
REDIS_PORT=6379

log() { printf 'infra: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

# True when something accepts TCP connections on 127.0.0.1:$1.
port_answers() { timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

free_port() { node -e "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close();})"; }

# The pid in $1 if that process is still alive and its command line mentions $2 (guards against pid reuse).
owned_pid() {
  local pidfile="$1" marker="$2" pid
  [ -f "$pidfile" ] || return 1
  pid="$(cat "$pidfile")"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$marker" || return 1
  printf '%s' "$pid"
}

# Chooses the port for a service that is not running: the configured one when free; a taken default
# is swapped for a free port (recorded in endpoints.json); a taken port set explicitly is an error.
choose_port() {
  local name="$1" variable="$2" default="$3" requested="${!2:-}"
  local port="${requested:-$default}"
  if ! port_answers "$port"; then printf '%s' "$port"; return; fi
  if [ -n "$requested" ]; then die "$name: port $port ($variable) is already taken by another process; free it or choose another port"; fi
  port="$(free_port)"
  log "$name: default port $default is taken by another process; using $port instead"
  printf '%s' "$port"
}

wait_until() { # description, seconds, pid, command...: fails early when the process has exited
  local what="$1" seconds="$2" pid="$3"; shift 3
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] && kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.25
  done
  log "$what answers"
}

# A server that did not come up is stopped rather than left half-alive (a JVM whose main thread died
# can linger on its other threads).
abandon() { # name, pidfile, log folder
  local pid; pid="$(cat "$2" 2>/dev/null || true)"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$2"
  die "$1 did not come up; see $3"
}

# A fresh machine may lack the JDK and Maven: Debian's packages, as ensure-services.sh does for the databases.
ensure_java_and_maven() {
  command -v java >/dev/null && command -v mvn >/dev/null && return
  [ "$(id -u)" = 0 ] || die "Kafka and ZooKeeper need java (17+) and mvn on PATH; install them or run as root"
  log "installing a JDK and Maven from Debian's packages (first run)"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless maven >/dev/null
}

# Downloads a pom's runtime dependencies once; the marker holds the pom's hash, so a version bump refetches.
fetch_libs() {
  local name="$1" pom="$2" libs="$3"
  local hash; hash="$(sha256sum "$pom" | cut -d' ' -f1)"
  if [ -f "$libs/.fetched" ] && [ "$(cat "$libs/.fetched")" = "$hash" ]; then return; fi
  ensure_java_and_maven
  log "$name: fetching from Maven Central (first run)"
  rm -rf "$libs"
  local output="$INFRA/fetch-$(basename "$(dirname "$pom")").log"
  mvn -q -B -Dstyle.color=never -Dmaven.repo.local="$M2" -f "$pom" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$libs" >"$output" 2>&1 || {
    cat "$output" >&2
    die "$name: fetching from Maven Central failed (above); the machine needs access to Maven Central"
  }
  printf '%s' "$hash" >"$libs/.fetched"
}

# ---------------------------------------------------------------- ZooKeeper
ZK_MARKER="$ZK_DIR/zoo.cfg"

zk_answers() { # port
  local reply
  reply="$(timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1; printf srvr >&3; cat <&3" 2>/dev/null)" || return 1
  grep -q '^Mode: standalone' <<<"$reply"
}

zk_up() {
  local pid port
  if pid="$(owned_pid "$ZK_DIR/zookeeper.pid" "$ZK_MARKER")"; then
    port="$(cat "$ZK_DIR/port")"
    zk_answers "$port" || wait_until "ZooKeeper on $port" 30 "$pid" zk_answers "$port" || die "ZooKeeper (pid $pid) does not answer; see $ZK_DIR/logs"
    ZK_PORT="$port"; return
  fi
  fetch_libs ZooKeeper "$HERE/zookeeper/pom.xml" "$ZK_DIR/libs"
  port="$(choose_port ZooKeeper ECS_ZK_PORT 2181)"
  mkdir -p "$ZK_DIR/data" "$ZK_DIR/logs"
  # The admin server is off: it would claim port 8080, the gateway's default.
  # A short tick lets tests use sub-second sessions (fault tests expire and fail over quickly);
  # the max keeps ordinary multi-second sessions possible.
  cat >"$ZK_MARKER" <<EOF
tickTime=200
maxSessionTimeout=60000
initLimit=10
syncLimit=5
dataDir=$ZK_DIR/data
clientPort=$port
clientPortAddress=127.0.0.1
maxClientCnxns=0
admin.enableServer=false
4lw.commands.whitelist=srvr,ruok,stat,mntr
autopurge.snapRetainCount=3
autopurge.purgeInterval=1
EOF
  sed "s|@LOG_DIR@|$ZK_DIR/logs|" "$HERE/zookeeper/logback.xml" >"$ZK_DIR/logback.xml"
  printf '%s' "$port" >"$ZK_DIR/port"
  log "ZooKeeper: starting on 127.0.0.1:$port"
  setsid java -Xms64m -Xmx256m -Dlogback.configurationFile="$ZK_DIR/logback.xml" \
    -cp "$ZK_DIR/libs/*" org.apache.zookeeper.server.ZooKeeperServerMain "$ZK_MARKER" \
    >"$ZK_DIR/logs/stdout.log" 2>&1 </dev/null 9>&- &
  echo $! >"$ZK_DIR/zookeeper.pid"
  wait_until "ZooKeeper on $port" 60 "$(cat "$ZK_DIR/zookeeper.pid")" zk_answers "$port" || abandon ZooKeeper "$ZK_DIR/zookeeper.pid" "$ZK_DIR/logs"
  ZK_PORT="$port"
}

# ---------------------------------------------------------------- Kafka
KAFKA_MARKER="$KAFKA_DIR/server.properties"

kafka_answers() { # port: a metadata request through kafkajs, not just an open socket
  node "$HERE/kafka-ready.js" "127.0.0.1:$1"
}

kafka_up() {
  local pid port controller_port
  if pid="$(owned_pid "$KAFKA_DIR/kafka.pid" "$KAFKA_MARKER")"; then
    port="$(cat "$KAFKA_DIR/port")"
    kafka_answers "$port" || wait_until "Kafka on $port" 60 "$pid" kafka_answers "$port" || die "Kafka (pid $pid) does not answer; see $KAFKA_DIR/logs"
    KAFKA_PORT="$port"; KAFKA_CONTROLLER_PORT="$(cat "$KAFKA_DIR/controller-port")"; return
  fi
  [ -d "$ROOT/node_modules/kafkajs" ] || die "Kafka's readiness probe needs node_modules: run npm ci first"
  fetch_libs Kafka "$HERE/kafka/pom.xml" "$KAFKA_DIR/libs"
  port="$(choose_port Kafka ECS_KAFKA_PORT 9092)"
  controller_port="$(choose_port 'Kafka controller' ECS_KAFKA_CONTROLLER_PORT 9093)"
  [ "$port" != "$controller_port" ] || die "Kafka: broker and controller ports must differ ($port)"
  mkdir -p "$KAFKA_DIR/data" "$KAFKA_DIR/logs"
  # Single node, loopback only. Topics are created by the project with explicit partition counts,
  # so auto-creation is off; a group starts consuming at once instead of waiting 3 s for more members.
  cat >"$KAFKA_MARKER" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$KAFKA_DIR/data
num.partitions=1
auto.create.topics.enable=false
delete.topic.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
log.retention.hours=24
log.segment.bytes=67108864
EOF
  local classpath="$KAFKA_DIR/libs/*"
  if [ ! -f "$KAFKA_DIR/data/meta.properties" ]; then
    # A KRaft cluster id is 16 random bytes in URL-safe base64 without padding. It may start with
    # "-", so it is passed as --cluster-id=… (after "-t" the parser would take it for an option).
    local cluster_id; cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
    log "Kafka: formatting storage (cluster $cluster_id)"
    java -Xmx128m -Dlog4j.configuration="file:$HERE/kafka/log4j.properties" -Dkafka.logs.dir="$KAFKA_DIR/logs" \
      -cp "$classpath" kafka.tools.StorageTool format --cluster-id="$cluster_id" -c "$KAFKA_MARKER" --ignore-formatted >&2
  fi
  printf '%s' "$port" >"$KAFKA_DIR/port"
  printf '%s' "$controller_port" >"$KAFKA_DIR/controller-port"
  log "Kafka: starting on 127.0.0.1:$port (controller $controller_port)"
  setsid java -Xms256m -Xmx768m -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$HERE/kafka/log4j.properties" -Dkafka.logs.dir="$KAFKA_DIR/logs" \
    -cp "$classpath" kafka.Kafka "$KAFKA_MARKER" \
    >"$KAFKA_DIR/logs/stdout.log" 2>&1 </dev/null 9>&- &
  echo $! >"$KAFKA_DIR/kafka.pid"
  wait_until "Kafka on $port" 90 "$(cat "$KAFKA_DIR/kafka.pid")" kafka_answers "$port" || abandon Kafka "$KAFKA_DIR/kafka.pid" "$KAFKA_DIR/logs"
  KAFKA_PORT="$port"; KAFKA_CONTROLLER_PORT="$controller_port"
}

# ---------------------------------------------------------------- MariaDB and Redis
databases_up() {
  bash "$HERE/ensure-services.sh" >&2
  ECS_DB_HOST="$DB_HOST" ECS_DB_PORT="$DB_PORT" ECS_DB_USER="$DB_USER" ECS_DB_NAME="$DB_NAME" node "$HERE/migrate-database.js" >&2
}

write_endpoints() {
  local tmp="$ENDPOINTS.tmp.$$"
  cat >"$tmp" <<EOF
{
  "zookeeper": { "connectString": "127.0.0.1:$ZK_PORT", "port": $ZK_PORT },
  "kafka": { "brokers": ["127.0.0.1:$KAFKA_PORT"], "port": $KAFKA_PORT, "controllerPort": $KAFKA_CONTROLLER_PORT },
  "mariadb": { "host": "$DB_HOST", "port": $DB_PORT, "user": "$DB_USER", "password": "", "database": "$DB_NAME" },
  "redis": { "url": "redis://127.0.0.1:$REDIS_PORT", "port": $REDIS_PORT }
}
EOF
  mv "$tmp" "$ENDPOINTS"
}

# ---------------------------------------------------------------- commands
stop_owned() { # name, pidfile, marker
  local pid
  pid="$(owned_pid "$2" "$3")" || { rm -f "$2"; log "$1: not running"; return; }
  log "$1: stopping pid $pid"
  kill -TERM "$pid"
  for _ in $(seq 1 120); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$2"; return; }
    sleep 0.25
  done
  log "$1: still running after 30 s; killing pid $pid"
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$2"
}

listener_pid() { # the pid listening on 127.0.0.1:$1, or null
  local pid
  pid="$(ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)" || true
  printf '%s' "${pid:-null}"
}

service_json() { # name, status, port, pid
  printf '"%s": { "status": "%s", "port": %s, "pid": %s }' "$1" "$2" "$3" "$4"
}

status() {
  local zk_pid kafka_pid zk_port kafka_port zk kafka db redis
  zk_port="$(cat "$ZK_DIR/port" 2>/dev/null || echo "${ECS_ZK_PORT:-2181}")"
  kafka_port="$(cat "$KAFKA_DIR/port" 2>/dev/null || echo "${ECS_KAFKA_PORT:-9092}")"
  if zk_pid="$(owned_pid "$ZK_DIR/zookeeper.pid" "$ZK_MARKER")" && zk_answers "$zk_port"; then zk=up; else zk=down; zk_pid="${zk_pid:-null}"; fi
  if kafka_pid="$(owned_pid "$KAFKA_DIR/kafka.pid" "$KAFKA_MARKER")" && kafka_answers "$kafka_port" 2>/dev/null; then kafka=up; else kafka=down; kafka_pid="${kafka_pid:-null}"; fi
  if mysqladmin -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" ping >/dev/null 2>&1; then db=up; else db=down; fi
  if redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then redis=up; else redis=down; fi
  printf '{ %s, %s, %s, %s }\n' \
    "$(service_json zookeeper "$zk" "$zk_port" "$zk_pid")" \
    "$(service_json kafka "$kafka" "$kafka_port" "$kafka_pid")" \
    "$(service_json mariadb "$db" "$DB_PORT" "$(listener_pid "$DB_PORT")")" \
    "$(service_json redis "$redis" "$REDIS_PORT" "$(listener_pid "$REDIS_PORT")")"
}

# Tests in several jest workers and other scripts may call `up` at once: one at a time. The servers
# are started with fd 9 closed, or they would hold the lock for as long as they run.
with_lock() {
  mkdir -p "$INFRA"
  exec 9>"$INFRA/infra.lock"
  flock -w 300 9 || die "another infra.sh has held $INFRA/infra.lock for 5 minutes"
  "$@"
}

up() {
  local started=$SECONDS
  zk_up
  kafka_up
  databases_up
  write_endpoints
  log "up in $((SECONDS - started)) s; endpoints in ${ENDPOINTS#"$ROOT"/}"
}

down() {
  stop_owned Kafka "$KAFKA_DIR/kafka.pid" "$KAFKA_MARKER"
  stop_owned ZooKeeper "$ZK_DIR/zookeeper.pid" "$ZK_MARKER"
  rm -f "$ENDPOINTS"
}

case "${1:-}" in
  up) with_lock up ;;
  down) with_lock down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
