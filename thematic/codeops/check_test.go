package codeops
