module @fori {
  func.func public @main(%arg0: tensor<3xf32>) -> (tensor<3xf32>) {
    %0 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
    %1:2 = "stablehlo.while"(%0, %arg0) ({
    ^bb0(%arg1: tensor<i32>, %arg2: tensor<3xf32>):
      %2 = "stablehlo.constant"() {value = dense<10> : tensor<i32>} : () -> tensor<i32>
      %3 = "stablehlo.compare"(%arg1, %2) {comparison_direction = #stablehlo<comparison_direction LT>, compare_type = #stablehlo<comparison_type SIGNED>} : (tensor<i32>, tensor<i32>) -> tensor<i1>
      "stablehlo.return"(%3) : (tensor<i1>) -> ()
    }, {
    ^bb0(%arg1: tensor<i32>, %arg2: tensor<3xf32>):
      %4 = "stablehlo.constant"() {value = dense<1.0> : tensor<3xf32>} : () -> tensor<3xf32>
      %5 = "stablehlo.add"(%arg2, %4) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
      %6 = "stablehlo.constant"() {value = dense<1> : tensor<i32>} : () -> tensor<i32>
      %7 = "stablehlo.add"(%arg1, %6) : (tensor<i32>, tensor<i32>) -> tensor<i32>
      "stablehlo.return"(%7, %5) : (tensor<i32>, tensor<3xf32>) -> ()
    }) : (tensor<i32>, tensor<3xf32>) -> (tensor<i32>, tensor<3xf32>)
    "func.return"(%1#1) : (tensor<3xf32>) -> ()
  }
}
