# Sourced by the bench scripts. free_port N: the first TCP port from N upward that nothing on
# 127.0.0.1 listens on (a cluster or server left over from an earlier run must not break this one).
free_port() {
    local port="$1"
    while (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; do
        port=$((port + 1))
    done
    echo "$port"
}
