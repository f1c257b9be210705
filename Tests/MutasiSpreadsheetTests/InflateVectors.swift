/// A raw DEFLATE stream zlib wrote with dynamic Huffman blocks: `InflateTests.dynamicText`
/// through zlib.compressobj(9, zlib.DEFLATED, -15), base64.
enum InflateVectors {
    static let dynamic = """
        ldg9qh5HGAXh3KvQDvyd0z39gxYgbmK8BdkGJULaf2brZhcqcE04dPBCcZLn9frv+/zH25+fctd+5ZXc+3qN/Pr95ef3nz++ff3x
        6e3t7fevv/16Gn6bj2//en9bftuPb/9+fzv47fj49p/3t5PfTrr34bcP3bv47aJ7N7/ddO/ht4fuvfz2wr3hbnnBveFuCdwb7pbC
        veFuGXQvd8uke7lbHrqXu2XRvdwtm+7lbjl0L3fLhXvL3Up7K3cr7a3crbS3crfS3srdSnsrdyvtrdyttLdyt9Leyt1Keyt3K+1t
        cLdBexvcbdDeBncbtLfB3QbtbXC3QXsb3G3Q3gZ3G7S3wd0G7W1wt0F7G9xt0N4md5u0t8ndJu1tcrdJe5vcbdLeJnebtLfJ3Sbt
        bXK3SXub3G3S3iZ3m7S3yd0m7e3hbg/t7eFuD+3t4W4P7e3hbg/t7eFuD+3t4W4P7e3hbg/t7eFuD+3t4W4P7e3hbg/tbXG3RXtb
        3G3R3hZ3W7S3xd0W7W1xt0V7W9xt0d4Wd1u0t8XdFu1tcbdFe1vcbdHeNnfbtLfN3TbtbXO3TXvb3G3T3jZ327S3zd027W1zt017
        29xt0942d9u0t83dNu3tcLdDezvc7dDeDnc7tLfD3Q7t7XC3Q3s73O3Q3g53O7S3w90O7e1wt0N7O9zt0N4ud7u0t8vdLu3tcrdL
        e7vc7dLeLne7tLfL3S7t7XK3S3u73O3S3i53u7S3y90u7C3CSyK8JMJLIrwkwksivCTCSyK8JMJLIrwkwksivCTCSyK8JMJLIrwk
        wksivCTCSyK8JMJLIrwkwksivCTCSyK8JMJLIrwkwksivCTCSyK8JMJLIrwkwksivCTCSyK8JMJLIrwkwksivCTCSyK8JMJLIrwk
        wksivCTCSyK8JMJLIrwkwksivCTCSyK8JMJLIrwkwksivCTCSyK8JMJLIrwkwksivCTCSyK8JMJLIrwkwksivCTCSyK8JMJLIrwk
        wksivCTCSyK8JMJLIrwkwksivCTCSyK8JMJLIrwkwksivCTCSyK8JMJLIrwkwksivCTCSyK8JMJLIrykwksqvKTCSyq8pMJLKryk
        wksqvKTCSyq8pMJLKrykwksqvKTCSyq8pMJLKrykwksqvKTCSyq8pMJLKrykwksqvKTCSyq8pMJLKrykwksqvKTCSyq8pMJLKryk
        wksqvKTCSyq8pMJLKrykwksqvKTCSyq8pMJLKrykwksqvKTCSyq8pMJLKrykwksqvKTCSyq8pMJLKrykwksqvKTCSyq8pMJLKryk
        wksqvKTCSyq8pMJLKrykwksqvKTCSyq8pMJLKrykwksqvKTCSyq8pMJLKrykwksqvKTCSyq8pMJLKrykwksqvKTCSyq8pMJLKryk
        wksqvKTCS/q/veRf
        """
}
