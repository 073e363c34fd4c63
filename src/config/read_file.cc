#include "config/read_file.h"

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

namespace livegate::config {
namespace {

// std::strerror is not thread-safe; error_code::message() is.
std::string ErrnoMessage(const char* fallback) {
  return errno != 0 ? std::error_code(errno, std::generic_category()).message() : fallback;
}

}  // namespace

bool ReadWholeFile(const std::string& path, std::string* contents, std::string* error) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    *error = "is a directory";
    return false;
  }
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = ErrnoMessage("cannot open");
    return false;
  }
  contents->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) {
    *error = ErrnoMessage("read error");
    return false;
  }
  return true;
}

}  // namespace livegate::config
