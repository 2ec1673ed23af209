# cmake -DDIR=core/holidays -DOUT=file.cc -P embed_holidays.cmake
# Writes `naskah::k_holidays_txt`: every YYYY.txt of DIR, one after the other.
file(GLOB years ${DIR}/[0-9][0-9][0-9][0-9].txt)
list(SORT years)
set(text "")
foreach(year ${years})
  file(READ ${year} one)
  string(APPEND text "${one}\n")
endforeach()
string(FIND "${text}" ")naskah_text\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${DIR} contains the raw string delimiter")
endif()
file(WRITE ${OUT} "// Generated from ${DIR}; do not edit.\nnamespace naskah {\nextern const char* const k_holidays_txt;\nconst char* const k_holidays_txt = R\"naskah_text(${text})naskah_text\";\n}\n")
