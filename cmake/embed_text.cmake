# cmake -DIN=file.txt -DOUT=file.cc -P embed_text.cmake
# Writes `naskah::index::k_synonyms_txt`, the text of IN, as a C++ raw string literal.
file(READ ${IN} text)
string(FIND "${text}" ")naskah_text\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${IN} contains the raw string delimiter")
endif()
file(WRITE ${OUT} "// Generated from ${IN}; do not edit.\nnamespace naskah::index {\nextern const char* const k_synonyms_txt;\nconst char* const k_synonyms_txt = R\"naskah_text(${text})naskah_text\";\n}\n")
