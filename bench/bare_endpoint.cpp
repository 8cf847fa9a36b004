// A bare RESTinio endpoint answering {"status":"ok"}, for the load benchmark's yardstick:
// /api/health of Conduct is compared with it in the same run (bench/load.sh).
//
//   bare_endpoint PORT [THREADS]
#include <restinio/all.hpp>

#include <cstdlib>
#include <iostream>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: bare_endpoint PORT [THREADS]\n";
    return 2;
  }
  const auto port = static_cast<std::uint16_t>(std::atoi(argv[1]));
  const std::size_t threads = argc > 2 ? static_cast<std::size_t>(std::atoi(argv[2])) : 1;
  using Traits = restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t>;
  restinio::run(
      restinio::on_thread_pool<Traits>(threads).address("127.0.0.1").port(port).request_handler([](auto request) {
        return request->create_response()
            .append_header(restinio::http_field::content_type, "application/json")
            .set_body(R"({"status":"ok"})")
            .done();
      }));
  return 0;
}
