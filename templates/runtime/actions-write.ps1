function Save-RgActionRun {
    <#
    .SYNOPSIS
        Remembers on the device that the action ran now, so the next runs inside its cooldown skip it.
    .PARAMETER Step
        The action step.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $store = Get-RgActionStore
    $now = (Get-RgUtcNow).ToString('o', [System.Globalization.CultureInfo]::InvariantCulture)
    Write-RgRegistryData -Hive $store.Hive -SubKey $store.SubKey -Name ($Step.Id + '.LastRunUtc') -Kind 'String' -Value $now -View 64
}
