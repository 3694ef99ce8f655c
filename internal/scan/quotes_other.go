//go:build !amd64 || purego

package scan

// quoteBlocks is quoteBlocksGo where there is no vector version.
func quoteBlocks(d, q []byte) int { return quoteBlocksGo(d, q) }
