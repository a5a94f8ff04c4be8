import Foundation
import LocalPostgres

/// nginx serving one file, `item.json`, on a free loopback port, without access logs.
struct NginxSite {
    let url: String
    private let server: BackgroundServer
    private let directory: String

    init(body: Data, nginx: String) throws {
        // Its own directory that nginx's workers (nobody, under root) can read.
        directory = "/tmp/micic-bench-nginx-\(getpid())"
        try? FileManager.default.removeItem(atPath: directory)
        for folder in ["", "/www", "/temp"] {
            try FileManager.default.createDirectory(atPath: directory + folder, withIntermediateDirectories: true)
            chmod(directory + folder, 0o755)
        }
        try body.write(to: URL(fileURLWithPath: directory + "/www/item.json"))
        chmod(directory + "/www/item.json", 0o644)
        let port = try LoopbackPorts.free(1)[0]
        let temp = directory + "/temp"
        let configuration = """
            worker_processes auto;
            pid \(directory)/nginx.pid;
            error_log \(directory)/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log off;
                sendfile on;
                tcp_nopush on;
                keepalive_requests 1000000;
                default_type application/json;
                client_body_temp_path \(temp);
                proxy_temp_path \(temp);
                fastcgi_temp_path \(temp);
                uwsgi_temp_path \(temp);
                scgi_temp_path \(temp);
                server {
                    listen 127.0.0.1:\(port);
                    root \(directory)/www;
                }
            }
            """
        try configuration.write(toFile: directory + "/nginx.conf", atomically: true, encoding: .utf8)
        server = try BackgroundServer(
            nginx,
            ["-p", directory, "-c", directory + "/nginx.conf", "-e", directory + "/error.log", "-g", "daemon off;"],
            log: directory + "/nginx.out"
        )
        url = "http://127.0.0.1:\(port)/item.json"
        let probe = url
        _ = try server.wait { _ in
            (try? Data(contentsOf: URL(fileURLWithPath: directory + "/nginx.pid"))) != nil ? probe : nil
        }
    }

    func stop() {
        server.stop(signal: SIGQUIT)
        try? FileManager.default.removeItem(atPath: directory)
    }
}
