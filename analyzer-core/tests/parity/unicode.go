package 监控

import "time"

// 注释里有中文和 emoji 🚀，列号要按 UTF-16 计算。
func 轮询(检查 func() bool) {
	/* 中文🚀 */ t := time.NewTicker(time.Second)
	for range t.C {
		if 检查() {
			return
		}
	}
}
