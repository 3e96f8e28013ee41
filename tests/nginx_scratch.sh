# Sourced by the tests that run Debian's nginx: a configuration whose every file stays in the
# test's scratch folder, so nginx runs without root. Run as root, its workers drop to nobody, who
# must be able to write the temporary paths.
#
#   write_scratch_nginx_conf WORK CONNECTIONS INCLUDE   (writes WORK/nginx.conf)
write_scratch_nginx_conf() {
  local work=$1 connections=$2 include=$3
  mkdir -p "$work/tmp"
  chmod 755 "$work"
  chmod 1777 "$work/tmp"
  cat >"$work/nginx.conf" <<EOF2
daemon off;
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log notice;
events { worker_connections $connections; }
http {
  access_log $work/nginx-access.log;
  client_body_temp_path $work/tmp/body;
  proxy_temp_path $work/tmp/proxy;
  fastcgi_temp_path $work/tmp/fastcgi;
  uwsgi_temp_path $work/tmp/uwsgi;
  scgi_temp_path $work/tmp/scgi;
  default_type application/octet-stream;
  include $include;
}
EOF2
}
