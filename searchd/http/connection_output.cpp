// Writing a Response onto a CivetWeb connection (connection_output.h).
#include "connection_output.h"

#include <civetweb.h>

#include <cstdio>
#include <cstring>
#include <string>

namespace briefing::http {

const char* status_text(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 204:
      return "No Content";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 411:
      return "Length Required";
    case 413:
      return "Payload Too Large";
    case 414:
      return "URI Too Long";
    case 421:
      return "Misdirected Request";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    case 505:
      return "HTTP Version Not Supported";
    default:
      return status < 500 ? "Bad Request" : "Internal Server Error";
  }
}

namespace {

// The streamed body's chunks, then the last (empty) chunk once the producer has finished, each
// framed in one write (mg_send_chunk writes three times, and the small writes would wait on Nagle
// and delayed ACK). A chunk the client did not take within request_timeout_ms, or a producer's
// fault, ends the connection without the last chunk: the client sees the body is incomplete.
std::size_t send_stream(mg_connection* conn,
                        const std::function<void(const Response::ChunkSink&)>& stream) {
  bool client_there = true;
  std::size_t sent = 0;
  std::string frame;
  const Response::ChunkSink sink = [conn, &client_there, &sent, &frame](std::string_view chunk) {
    if (chunk.empty() || !client_there) return client_there;
    char size[24];
    std::snprintf(size, sizeof size, "%zx\r\n", chunk.size());
    frame.assign(size).append(chunk).append("\r\n");
    client_there = mg_write(conn, frame.data(), frame.size()) == static_cast<int>(frame.size());
    if (client_there) sent += chunk.size();
    return client_there;
  };
  try {
    stream(sink);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "searchd: a streamed answer failed after its head: %s\n", e.what());
    client_there = false;
  }
  if (!client_there || mg_write(conn, "0\r\n\r\n", 5) != 5) mg_disable_connection_keep_alive(conn);
  return sent;
}

}  // namespace

std::size_t send(mg_connection* conn, const Response& response) {
  std::string head =
      "HTTP/1.1 " + std::to_string(response.status) + " " + status_text(response.status);
  if (response.stream)
    head += "\r\nContent-Type: " + response.content_type + "\r\nTransfer-Encoding: chunked";
  // A 204 has neither body nor Content-Length (RFC 9110 8.6); a 304 has no body, and its headers
  // would describe the 200 it stands for (15.4.5), so none are sent.
  else if (response.status != 204 && response.status != 304)
    head += "\r\nContent-Type: " + response.content_type +
            "\r\nContent-Length: " + std::to_string(response.body.size());
  head +=
      "\r\nX-Content-Type-Options: nosniff"
      "\r\nContent-Security-Policy: default-src 'self'; script-src 'self'; "
      "style-src 'self'; img-src 'self' data:; object-src 'none'; "
      "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
      "\r\nReferrer-Policy: no-referrer"
      "\r\nCache-Control: no-store";
  for (const auto& [name, value] : response.headers) head += "\r\n" + name + ": " + value;
  if (response.close) head += "\r\nConnection: close";
  head += "\r\n\r\n";
  // One write: a separate small body write waits on Nagle and delayed ACK (40 ms on loopback).
  head += response.body;
  // Closing also keeps CivetWeb from reading (and discarding) a request body after we answer:
  // a body sent a byte a second would hold the thread for as long as the client likes.
  if (response.close) mg_disable_connection_keep_alive(conn);
  // A short write: the client did not read for request_timeout_ms; do not wait for it again.
  if (mg_write(conn, head.data(), head.size()) != static_cast<int>(head.size())) {
    mg_disable_connection_keep_alive(conn);
    return 0;
  }
  return response.stream ? send_stream(conn, response.stream) : response.body.size();
}

}  // namespace briefing::http
