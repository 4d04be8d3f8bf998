# Sourced by the bench scripts. free_port N: the first TCP port from N upward that nothing on
# 127.0.0.1 listens on (a cluster or server left over from an earlier run must not break this one).
free_port() {
    local port="$1"
    while (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; do
        port=$((port + 1))
    done
    echo "$port"
}

# pg_cluster DIR PORT [SETTING...]: a new throwaway PostgreSQL cluster in DIR (a folder postgres may create),
# started on 127.0.0.1:PORT only, its socket in DIR, fsync off (a benchmark's data is thrown away), each SETTING
# (name=value) added; its log is DIR.log. pg_up starts it again, pg_down DIR [MODE] stops it (fast by default).
pg_bin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1; }
pg_cluster() {
    runuser -u postgres -- "$(pg_bin)/initdb" -D "$1" -A trust -U postgres > /dev/null
    pg_up "$@"
}
pg_up() {
    local dir="$1" port="$2" opts
    shift 2
    opts="-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off"
    for setting in "$@"; do opts+=" -c $setting"; done
    runuser -u postgres -- "$(pg_bin)/pg_ctl" -D "$dir" -l "$dir.log" -w -o "$opts" start > /dev/null
}
pg_down() { runuser -u postgres -- "$(pg_bin)/pg_ctl" -D "$1" -m "${2:-fast}" stop > /dev/null 2>&1 || true; }
