# Project-wide warning flags; -Werror unless LIVEGATE_WERROR is OFF.
add_compile_options(-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast)
if(LIVEGATE_WERROR)
  add_compile_options(-Werror)
endif()
