// A blocking TCP client for hostile-input tests, on plain POSIX sockets: any loopback source address
// (127.0.0.N), bytes sent exactly as given (headers without their body, a body cut short), and every
// send and receive bounded by a timeout so a server that never answers fails the test instead of hanging.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace shoal::test {

class RawClient {
public:
    RawClient() = default;
    RawClient(const RawClient&) = delete;
    RawClient& operator=(const RawClient&) = delete;
    RawClient(RawClient&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
    ~RawClient() { close(); }

    // A socket bound to `source` (port picked by the kernel), not yet connected: tests that run out of
    // descriptors on purpose make their sockets first.
    bool open(const std::string& source = "127.0.0.1") {
        close();
        fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd_ < 0) return false;
        sockaddr_in local{};
        local.sin_family = AF_INET;
        ::inet_pton(AF_INET, source.c_str(), &local.sin_addr);
        if (::bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) return close(), false;
        return true;
    }

    bool connect(int port, std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
        if (fd_ < 0) return false;
        setTimeouts(timeout);
        sockaddr_in remote{};
        remote.sin_family = AF_INET;
        remote.sin_port = htons(static_cast<std::uint16_t>(port));
        ::inet_pton(AF_INET, "127.0.0.1", &remote.sin_addr);
        return ::connect(fd_, reinterpret_cast<sockaddr*>(&remote), sizeof remote) == 0;
    }

    bool connectFrom(const std::string& source, int port) { return open(source) && connect(port); }

    // False if the peer stopped taking bytes (closed, reset) or the send timeout passed.
    bool send(std::string_view bytes) {
        while (!bytes.empty()) {
            const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (n <= 0) return false;
            bytes.remove_prefix(static_cast<std::size_t>(n));
        }
        return true;
    }

    // One HTTP response: its status and body (Content-Length framed), or nullopt when the connection
    // closed first or nothing complete arrived within `timeout`.
    struct Response {
        int status = 0;
        std::string head;
        std::string body;
    };
    std::optional<Response> readResponse(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        std::string data;
        while (true) {
            const auto end = data.find("\r\n\r\n");
            if (end != std::string::npos) {
                Response r;
                r.head = data.substr(0, end);
                if (r.head.rfind("HTTP/1.", 0) != 0 || r.head.size() < 12) return std::nullopt;
                r.status = std::atoi(r.head.c_str() + 9);
                std::size_t length = 0;
                if (const auto at = lowerCase(r.head).find("content-length:"); at != std::string::npos)
                    length = std::strtoul(r.head.c_str() + at + 15, nullptr, 10);
                if (data.size() >= end + 4 + length) {
                    r.body = data.substr(end + 4, length);
                    return r;
                }
            }
            if (!waitReadable(deadline)) return std::nullopt;
            char buffer[65536];
            const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
            if (n <= 0) return std::nullopt;
            data.append(buffer, static_cast<std::size_t>(n));
        }
    }

    // True when the server closed the connection (EOF or reset) within `timeout`; bytes before the
    // close are skipped.
    bool closedByPeer(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (waitReadable(deadline)) {
            char buffer[4096];
            const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
            if (n <= 0) return true;
        }
        return false;
    }

    void close() {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }

private:
    static std::string lowerCase(std::string text) {
        for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return text;
    }

    void setTimeouts(std::chrono::milliseconds timeout) {
        timeval tv{};
        tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
        tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
        ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    }

    bool waitReadable(std::chrono::steady_clock::time_point deadline) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return false;
        pollfd p{fd_, POLLIN, 0};
        return ::poll(&p, 1, static_cast<int>(left.count())) > 0;
    }

    int fd_ = -1;
};

// An HTTP/1.1 request's bytes with exactly these extra header lines ("Name: value\r\n" each).
inline std::string httpRequest(const std::string& method, const std::string& target, const std::string& host,
                               const std::string& extraHeaders, const std::string& body) {
    return method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\n" + extraHeaders +
           "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
           body;
}

}  // namespace shoal::test
