#pragma once
// Reads a whole small file (the config file, PEM keys given as "@path").

#include <string>

namespace livegate::config {

// False with a reason ("No such file or directory") in *error when the file can't be read.
bool ReadWholeFile(const std::string& path, std::string* contents, std::string* error);

}  // namespace livegate::config
